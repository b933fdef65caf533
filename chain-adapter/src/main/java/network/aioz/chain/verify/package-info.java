/**
 * Verification by anyone: a receipt or reward leaf with its inclusion proof, joined with the
 * on-chain transaction that committed its root.
 */
package network.aioz.chain.verify;
