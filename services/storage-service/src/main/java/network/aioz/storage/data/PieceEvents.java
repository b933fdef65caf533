package network.aioz.storage.data;

/**
 * Facts about pieces on topic {@value #TOPIC} (key = piece id): the proof service challenges stored
 * pieces and stops when they are released.
 */
public final class PieceEvents {

  public static final String TOPIC = "storage.piece";
  public static final String STORED = "network.aioz.storage.PieceStored";
  public static final String RELEASED = "network.aioz.storage.PieceReleased";

  private PieceEvents() {}

  /**
   * A piece reached its node; {@code merkleRoot} is the platform's RFC 6962 root over its blocks.
   */
  public record PieceStored(
      String pieceId,
      String taskId,
      String nodeAddress,
      String endpoint,
      String contentDigest,
      long sizeBytes,
      int blockSize,
      String merkleRoot,
      String tenantId,
      String priority) {}

  /** A piece is no longer wanted on its node (object deleted, piece moved or lost). */
  public record PieceReleased(String pieceId, String taskId, String nodeAddress, String reason) {}
}
