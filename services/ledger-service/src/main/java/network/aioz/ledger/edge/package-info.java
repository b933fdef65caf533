/**
 * The edge registry: nodes register with a signature of their secp256k1 key, declare capabilities,
 * heartbeat, earn reputation from proofs and move through vetting, active, suspended and ejected.
 */
package network.aioz.ledger.edge;
