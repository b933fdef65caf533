package network.aioz.shared.merkle;

import java.math.BigInteger;
import java.util.List;

/**
 * {@code abi.encode} of a tuple of static Solidity types ({@code address}, {@code bool}, {@code
 * uintN}, {@code intN}, {@code bytesN}): one 32-byte word per value. Dynamic types ({@code string},
 * {@code bytes}, arrays) are refused: receipts and reward leaves never need them, and refusing is
 * safer than encoding them differently from the chain.
 */
public final class AbiEncoding {

  private final List<String> types;
  private final Type[] parsed;

  private AbiEncoding(List<String> types) {
    this.types = List.copyOf(types);
    this.parsed = this.types.stream().map(Type::parse).toArray(Type[]::new);
  }

  public static AbiEncoding of(List<String> types) {
    return new AbiEncoding(types);
  }

  public static AbiEncoding of(String... types) {
    return new AbiEncoding(List.of(types));
  }

  public List<String> types() {
    return types;
  }

  /**
   * Encodes one value per type. Accepted values: {@code uintN}/{@code intN} as {@link BigInteger},
   * {@link Long}, {@link Integer}, {@link Short}, {@link Byte} or a decimal (or 0x-hex) string;
   * {@code address} as a 0x-hex string or 20 bytes; {@code bytesN} as N bytes, a 0x-hex string of N
   * bytes or a {@link Bytes32}; {@code bool} as {@link Boolean}.
   */
  public byte[] encode(List<?> values) {
    if (values.size() != parsed.length) {
      throw new IllegalArgumentException(
          "expected " + parsed.length + " values for " + types + ", got " + values.size());
    }
    byte[] out = new byte[32 * parsed.length];
    for (int i = 0; i < parsed.length; i++) {
      parsed[i].encode(values.get(i), out, 32 * i);
    }
    return out;
  }

  private record Type(String name, Kind kind, int size) {

    enum Kind {
      UINT,
      INT,
      ADDRESS,
      BOOL,
      FIXED_BYTES
    }

    static Type parse(String name) {
      if (name.equals("address")) {
        return new Type(name, Kind.ADDRESS, 20);
      }
      if (name.equals("bool")) {
        return new Type(name, Kind.BOOL, 1);
      }
      if (name.equals("uint") || name.equals("int")) {
        return parse(name + "256");
      }
      if (name.matches("uint\\d{1,3}")) {
        return new Type(name, Kind.UINT, bits(name, name.substring(4)));
      }
      if (name.matches("int\\d{1,3}")) {
        return new Type(name, Kind.INT, bits(name, name.substring(3)));
      }
      if (name.matches("bytes\\d{1,2}")) {
        int size = Integer.parseInt(name.substring(5));
        if (size >= 1 && size <= 32) {
          return new Type(name, Kind.FIXED_BYTES, size);
        }
      }
      throw new IllegalArgumentException(
          "unsupported Solidity type '" + name + "': only static types are encoded");
    }

    private static int bits(String name, String digits) {
      int bits = Integer.parseInt(digits);
      if (bits < 8 || bits > 256 || bits % 8 != 0) {
        throw new IllegalArgumentException("invalid Solidity type '" + name + "'");
      }
      return bits;
    }

    void encode(Object value, byte[] out, int offset) {
      switch (kind) {
        case UINT -> {
          BigInteger v = integer(value);
          if (v.signum() < 0 || v.bitLength() > size) {
            throw outOfRange(value);
          }
          writeRightAligned(v.toByteArray(), out, offset);
        }
        case INT -> {
          BigInteger v = integer(value);
          if (v.bitLength() > size - 1) {
            throw outOfRange(value);
          }
          if (v.signum() < 0) {
            java.util.Arrays.fill(out, offset, offset + 32, (byte) 0xff);
          }
          writeRightAligned(v.toByteArray(), out, offset);
        }
        case ADDRESS -> System.arraycopy(bytes(value), 0, out, offset + 12, 20);
        case BOOL -> {
          if (!(value instanceof Boolean b)) {
            throw wrongValue(value);
          }
          out[offset + 31] = (byte) (b ? 1 : 0);
        }
        case FIXED_BYTES -> System.arraycopy(bytes(value), 0, out, offset, size);
      }
    }

    /** Two's complement bytes, minimal length, sign byte dropped when it does not fit. */
    private static void writeRightAligned(byte[] twosComplement, byte[] out, int offset) {
      int len = Math.min(twosComplement.length, 32);
      System.arraycopy(twosComplement, twosComplement.length - len, out, offset + 32 - len, len);
    }

    private BigInteger integer(Object value) {
      return switch (value) {
        case BigInteger b -> b;
        case Long l -> BigInteger.valueOf(l);
        case Integer i -> BigInteger.valueOf(i);
        case Short s -> BigInteger.valueOf(s);
        case Byte b -> BigInteger.valueOf(b);
        case String s when s.startsWith("0x") -> new BigInteger(s.substring(2), 16);
        case String s -> parseDecimal(s, value);
        case null, default -> throw wrongValue(value);
      };
    }

    private BigInteger parseDecimal(String s, Object value) {
      try {
        return new BigInteger(s);
      } catch (NumberFormatException e) {
        throw wrongValue(value);
      }
    }

    private byte[] bytes(Object value) {
      byte[] b =
          switch (value) {
            case byte[] raw -> raw;
            case Bytes32 word -> word.toArray();
            case String hex -> Hex.decode(hex);
            case null, default -> throw wrongValue(value);
          };
      if (b.length != size) {
        throw new IllegalArgumentException(
            name + " needs " + size + " bytes, got " + b.length + ": " + value);
      }
      return b;
    }

    private IllegalArgumentException outOfRange(Object value) {
      return new IllegalArgumentException(value + " is out of range for " + name);
    }

    private IllegalArgumentException wrongValue(Object value) {
      return new IllegalArgumentException(
          "cannot encode "
              + (value == null ? "null" : value.getClass().getSimpleName())
              + " as "
              + name
              + ": "
              + value);
    }
  }
}
