/**
 * The work receipt and its Merkle leaf encoding: what the task ledger seals per epoch and the
 * settlement contract verifies, so both sides must encode it byte for byte the same.
 */
package network.aioz.shared.receipt;
