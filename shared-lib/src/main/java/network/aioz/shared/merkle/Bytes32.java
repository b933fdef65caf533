package network.aioz.shared.merkle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * An immutable 32-byte value (a Solidity {@code bytes32}: hashes, roots, proof nodes). Ordered as
 * an unsigned big-endian number, the order OpenZeppelin sorts leaves and pairs by. JSON form is a
 * {@code 0x}-prefixed hex string.
 */
public final class Bytes32 implements Comparable<Bytes32> {

  public static final int LENGTH = 32;
  public static final Bytes32 ZERO = new Bytes32(new byte[LENGTH]);

  private final byte[] bytes;

  private Bytes32(byte[] owned) {
    this.bytes = owned;
  }

  public static Bytes32 of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("expected 32 bytes, got " + bytes.length);
    }
    return new Bytes32(bytes.clone());
  }

  /** Copies 32 bytes starting at {@code offset}. */
  public static Bytes32 of(byte[] source, int offset) {
    return new Bytes32(Arrays.copyOfRange(source, offset, offset + LENGTH));
  }

  /**
   * A UUID as the platform puts one into a {@code bytes32} (task ids in work receipts, tenant ids
   * in deposits): its 16 bytes, most significant first, right-aligned behind 16 zero bytes — {@code
   * bytes32(uint256(uint128(id)))} in Solidity.
   */
  public static Bytes32 ofUuid(java.util.UUID id) {
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(LENGTH);
    buffer.putLong(16, id.getMostSignificantBits());
    buffer.putLong(24, id.getLeastSignificantBits());
    return new Bytes32(buffer.array());
  }

  /** The UUID {@link #ofUuid} put here, or empty when the first 16 bytes are not all zero. */
  public java.util.Optional<java.util.UUID> toUuid() {
    for (int i = 0; i < 16; i++) {
      if (bytes[i] != 0) {
        return java.util.Optional.empty();
      }
    }
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
    return java.util.Optional.of(new java.util.UUID(buffer.getLong(16), buffer.getLong(24)));
  }

  @JsonCreator
  public static Bytes32 fromHex(String hex) {
    return new Bytes32(checkLength(Hex.decode(hex), hex));
  }

  private static byte[] checkLength(byte[] bytes, String hex) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "expected 32 bytes of hex, got " + bytes.length + ": " + hex);
    }
    return bytes;
  }

  public byte[] toArray() {
    return bytes.clone();
  }

  public void copyTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, LENGTH);
  }

  @JsonValue
  public String toHex() {
    return Hex.encode(bytes);
  }

  @Override
  public int compareTo(Bytes32 other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes32 other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
