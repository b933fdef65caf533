/**
 * Work receipts of proven tasks, sealed per epoch into a keccak Merkle root (OpenZeppelin's
 * convention, so a contract can verify any receipt) with per-node totals, and served with their
 * inclusion proofs.
 */
package network.aioz.ledger.receipt;
