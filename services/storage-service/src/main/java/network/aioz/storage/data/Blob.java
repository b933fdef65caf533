package network.aioz.storage.data;

import java.util.UUID;

/**
 * Encrypted data of one simple PUT or one uploaded part: its key (wrapped), layout and, for tiny
 * objects, the ciphertext itself.
 *
 * @param proofPriority the Proof-of-Storage priority its pieces are announced with ({@code
 *     standard} or {@code high}, from its bucket)
 */
public record Blob(
    UUID id,
    String tenantId,
    String state,
    long size,
    Redundancy redundancy,
    String proofPriority,
    int segmentSize,
    int chunkSize,
    String keyWrap,
    String masterKeyId,
    byte[] wrappedKey,
    String sseKeyMd5,
    byte[] inlineData) {

  /**
   * This blob once its size is known, with its ciphertext when it is small enough to keep inline.
   */
  Blob withSize(long newSize, byte[] newInlineData) {
    return new Blob(
        id,
        tenantId,
        state,
        newSize,
        redundancy,
        proofPriority,
        segmentSize,
        chunkSize,
        keyWrap,
        masterKeyId,
        wrappedKey,
        sseKeyMd5,
        newInlineData);
  }

  public boolean inline() {
    return inlineData != null;
  }

  public boolean customerKeyed() {
    return "sse-c".equals(keyWrap);
  }
}
