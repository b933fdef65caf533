package network.aioz.storage.data;

import java.util.UUID;

/**
 * One piece slot of a segment: where it lives (or null when missing) and what it must hash to.
 *
 * @param state {@code stored}, {@code missing} (waiting for repair) or {@code released}
 */
public record StoredPiece(
    UUID id,
    UUID blobId,
    int segmentIdx,
    int pieceIdx,
    String state,
    UUID taskId,
    String nodeAddress,
    String endpoint,
    String digest,
    int size,
    int blockSize,
    String merkleRoot) {

  public boolean stored() {
    return "stored".equals(state);
  }
}
