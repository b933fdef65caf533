package network.aioz.storage.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a segment as a sequence of independently authenticated AES-256-GCM chunks, so a ranged
 * read decrypts only the chunks it needs and any change, truncation or reordering fails the tag.
 *
 * <p>Chunk {@code j} of segment {@code s} uses nonce {@code s || j || 0} (big-endian 32-bit each;
 * unique because every blob has its own key) and associated data {@code blobId || s || j || last},
 * where {@code last} marks the segment's final chunk. Ciphertext layout: for every chunk its
 * ciphertext followed by its 16-byte tag.
 */
public final class SegmentCipher {

  public static final int TAG = 16;
  private static final ThreadLocal<Cipher> CIPHERS =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException(e);
            }
          });

  private final SecretKey key;
  private final UUID blobId;
  private final int chunkSize;

  public SegmentCipher(byte[] dataKey, UUID blobId, int chunkSize) {
    if (chunkSize < 1024) {
      throw new IllegalArgumentException("chunk size must be at least 1 KiB");
    }
    this.key = new SecretKeySpec(dataKey, "AES");
    this.blobId = blobId;
    this.chunkSize = chunkSize;
  }

  public int chunkSize() {
    return chunkSize;
  }

  /** Chunks of a segment of {@code plainSize} bytes (at least one, even when empty). */
  public int chunks(long plainSize) {
    return plainSize == 0 ? 1 : (int) ((plainSize + chunkSize - 1) / chunkSize);
  }

  public int cipherSize(int plainSize) {
    return plainSize + chunks(plainSize) * TAG;
  }

  /** Encrypts {@code plain[0, plainSize)} of segment {@code segment} into {@code out} from 0. */
  public void encrypt(int segment, byte[] plain, int plainSize, byte[] out) {
    int chunks = chunks(plainSize);
    Cipher cipher = CIPHERS.get();
    try {
      for (int j = 0; j < chunks; j++) {
        int from = j * chunkSize;
        int length = Math.min(chunkSize, plainSize - from);
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, nonce(segment, j)));
        cipher.updateAAD(aad(segment, j, j == chunks - 1));
        cipher.doFinal(plain, from, length, out, j * (chunkSize + TAG));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt a segment", e);
    }
  }

  /**
   * Encrypts chunk {@code chunk} of a segment of {@code plainSize} bytes into {@code out} at {@code
   * outOffset} (its ciphertext and tag, {@code chunkPlainLength + TAG} bytes).
   */
  public void encryptChunk(
      int segment, int plainSize, int chunk, byte[] plain, byte[] out, int outOffset) {
    Cipher cipher = CIPHERS.get();
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, nonce(segment, chunk)));
      cipher.updateAAD(aad(segment, chunk, chunk == chunks(plainSize) - 1));
      cipher.doFinal(plain, chunk * chunkSize, chunkPlainLength(plainSize, chunk), out, outOffset);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt a segment", e);
    }
  }

  /**
   * Decrypts chunk {@code chunk} of segment {@code segment}; the ciphertext (with its tag) is at
   * {@code in[inOffset, inOffset + plainLength + TAG)}.
   *
   * @return the plaintext length written to {@code out} at {@code outOffset}
   * @throws TamperedDataException when the tag does not verify
   */
  public int decryptChunk(
      int segment,
      int chunk,
      boolean last,
      byte[] in,
      int inOffset,
      int plainLength,
      byte[] out,
      int outOffset) {
    Cipher cipher = CIPHERS.get();
    try {
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, nonce(segment, chunk)));
      cipher.updateAAD(aad(segment, chunk, last));
      return cipher.doFinal(in, inOffset, plainLength + TAG, out, outOffset);
    } catch (AEADBadTagException e) {
      throw new TamperedDataException(
          "chunk " + chunk + " of segment " + segment + " of blob " + blobId + " failed its tag");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot decrypt a segment", e);
    }
  }

  /**
   * Decrypts plaintext bytes {@code [start, end)} of segment {@code segment} ({@code plainSize}
   * bytes) chunk by chunk through {@code buffer} (at least one chunk long) and writes them to
   * {@code out}; {@code sealed} says where each chunk's ciphertext lies, so it is read where it is.
   *
   * @throws TamperedDataException when a chunk does not authenticate (what came before it is
   *     written)
   */
  public void decryptRange(
      int segment,
      int plainSize,
      Sealed sealed,
      int start,
      int end,
      byte[] buffer,
      OutputStream out)
      throws IOException {
    if (end <= start) {
      return;
    }
    int chunks = chunks(plainSize);
    for (int c = start / chunkSize; c <= (end - 1) / chunkSize; c++) {
      int plainLength = chunkPlainLength(plainSize, c);
      Slice in = sealed.at(chunkCipherOffset(c), plainLength + TAG);
      decryptChunk(segment, c, c == chunks - 1, in.array(), in.offset(), plainLength, buffer, 0);
      int chunkStart = c * chunkSize;
      int from = Math.max(start, chunkStart) - chunkStart;
      int to = Math.min(end, chunkStart + plainLength) - chunkStart;
      out.write(buffer, from, to - from);
    }
  }

  /**
   * Where a segment's ciphertext is: {@code length} bytes from ciphertext offset {@code offset}.
   */
  @FunctionalInterface
  public interface Sealed {
    Slice at(long offset, int length);
  }

  /** Bytes at {@code array[offset...]}. */
  public record Slice(byte[] array, int offset) {}

  /** Plaintext length of chunk {@code chunk} in a segment of {@code plainSize} bytes. */
  public int chunkPlainLength(int plainSize, int chunk) {
    return Math.min(chunkSize, plainSize - chunk * chunkSize);
  }

  /** Where chunk {@code chunk} starts in the segment's ciphertext. */
  public long chunkCipherOffset(int chunk) {
    return (long) chunk * (chunkSize + TAG);
  }

  private static byte[] nonce(int segment, int chunk) {
    return ByteBuffer.allocate(12).putInt(segment).putInt(chunk).putInt(0).array();
  }

  private byte[] aad(int segment, int chunk, boolean last) {
    return ByteBuffer.allocate(25)
        .putLong(blobId.getMostSignificantBits())
        .putLong(blobId.getLeastSignificantBits())
        .putInt(segment)
        .putInt(chunk)
        .put((byte) (last ? 1 : 0))
        .array();
  }

  /** Ciphertext that does not authenticate: corrupted, truncated or moved. */
  public static final class TamperedDataException extends RuntimeException {
    TamperedDataException(String message) {
      super(message, null, false, false);
    }
  }
}
