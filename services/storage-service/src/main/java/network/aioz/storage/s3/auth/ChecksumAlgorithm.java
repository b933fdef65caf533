package network.aioz.storage.s3.auth;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** The additional checksums of S3 ("Checking object integrity"), sent base64-encoded. */
public enum ChecksumAlgorithm {
  CRC32(4),
  CRC32C(4),
  CRC64NVME(8),
  SHA1(20),
  SHA256(32);

  private final int length;

  ChecksumAlgorithm(int length) {
    this.length = length;
  }

  /** {@code x-amz-checksum-crc32} and so on. */
  public String headerName() {
    return "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
  }

  /** Length of the decoded (binary) value in bytes. */
  public int valueLength() {
    return length;
  }

  /** The algorithm whose header this is ({@code x-amz-checksum-crc32}), any case. */
  public static Optional<ChecksumAlgorithm> fromHeaderName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (ChecksumAlgorithm a : values()) {
      if (a.headerName().equals(lower)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** The algorithm named as in {@code x-amz-sdk-checksum-algorithm} ({@code CRC32}), any case. */
  public static Optional<ChecksumAlgorithm> fromName(String name) {
    for (ChecksumAlgorithm a : values()) {
      if (a.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** Computes the checksum of a byte stream. */
  public Calculator newCalculator() {
    return switch (this) {
      case CRC32 -> new CrcCalculator(new CRC32(), 4);
      case CRC32C -> new CrcCalculator(new CRC32C(), 4);
      case CRC64NVME -> new CrcCalculator(new Crc64Nvme(), 8);
      case SHA1 -> new DigestCalculator(Crypto.digest("SHA-1"));
      case SHA256 -> new DigestCalculator(Crypto.sha256());
    };
  }

  /** A running checksum; {@link #finish()} gives the big-endian value bytes S3 base64-encodes. */
  public interface Calculator {
    void update(byte[] b, int off, int len);

    byte[] finish();
  }

  private record CrcCalculator(Checksum checksum, int bytes) implements Calculator {
    @Override
    public void update(byte[] b, int off, int len) {
      checksum.update(b, off, len);
    }

    @Override
    public byte[] finish() {
      ByteBuffer buf = ByteBuffer.allocate(8).putLong(checksum.getValue());
      byte[] out = new byte[bytes];
      System.arraycopy(buf.array(), 8 - bytes, out, 0, bytes);
      return out;
    }
  }

  private record DigestCalculator(MessageDigest digest) implements Calculator {
    @Override
    public void update(byte[] b, int off, int len) {
      digest.update(b, off, len);
    }

    @Override
    public byte[] finish() {
      return digest.digest();
    }
  }
}
