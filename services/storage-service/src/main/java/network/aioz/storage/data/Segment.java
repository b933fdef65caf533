package network.aioz.storage.data;

import java.util.UUID;

/** One segment of a blob: its place in the plaintext and the sizes of its ciphertext and shards. */
public record Segment(
    UUID blobId, int idx, long plainOffset, int plainSize, int cipherSize, int shardSize) {

  public long plainEnd() {
    return plainOffset + plainSize;
  }
}
