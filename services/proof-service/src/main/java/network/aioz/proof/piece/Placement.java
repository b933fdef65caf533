package network.aioz.proof.piece;

import java.time.Instant;
import java.util.UUID;

/**
 * One piece on one node, as the service challenges it.
 *
 * @param merkleRoot the platform's RFC 6962 root of the piece's blocks, 64 lower-case hex digits
 * @param nodeStatus the ledger's status of the node, or null when no event told it yet
 */
public record Placement(
    UUID pieceId,
    UUID taskId,
    String nodeAddress,
    String endpoint,
    String contentDigest,
    long sizeBytes,
    int blockSize,
    String merkleRoot,
    String tenantId,
    String priority,
    Instant storedAt,
    Instant nextChallengeAt,
    int challenges,
    int consecutiveFailures,
    String lastResult,
    String lastReason,
    Instant lastChallengedAt,
    boolean released,
    String nodeStatus) {

  /** Blocks of the piece: the last one may be shorter. */
  public long blockCount() {
    return (sizeBytes + blockSize - 1) / blockSize;
  }

  /** Length of block {@code index}. */
  public int blockLength(long index) {
    return (int) Math.min(blockSize, sizeBytes - index * blockSize);
  }
}
