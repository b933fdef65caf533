/**
 * Keccak-256 Merkle trees byte-identical to OpenZeppelin's {@code @openzeppelin/merkle-tree}, so a
 * contract can check any leaf with {@code MerkleProof.verify}.
 */
package network.aioz.shared.merkle;
