package network.aioz.edge.proof;

/**
 * A storage challenge as the proof service sends it to {@code POST /challenges}. Boxed types so a
 * missing field is told apart from a zero.
 *
 * @param challengeId the proof service's id of this challenge (letters, digits, {@code -}, {@code
 *     _}; at most 64 characters)
 * @param pieceDigest lower-case hex SHA-256 naming a stored piece
 * @param blockSize the block size the platform built the piece's Merkle tree with
 * @param blockIndex the block to prove
 * @param includeData whether the block's bytes must come with the answer
 * @param nonce 64 hex digits of fresh randomness, so an old answer cannot be replayed
 */
public record Challenge(
    String challengeId,
    String pieceDigest,
    Integer blockSize,
    Long blockIndex,
    Boolean includeData,
    String nonce) {}
