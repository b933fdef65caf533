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
