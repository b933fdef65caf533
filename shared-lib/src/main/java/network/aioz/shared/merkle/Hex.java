package network.aioz.shared.merkle;

import java.util.HexFormat;

/** Ethereum-style hex: lower case with a {@code 0x} prefix on output, prefix optional on input. */
public final class Hex {

  private static final HexFormat HEX = HexFormat.of();

  private Hex() {}

  public static String encode(byte[] bytes) {
    return "0x" + HEX.formatHex(bytes);
  }

  public static byte[] decode(String hex) {
    String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    if (digits.length() % 2 != 0) {
      throw new IllegalArgumentException("odd number of hex digits: " + hex);
    }
    try {
      return HEX.parseHex(digits);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a hex string: " + hex, e);
    }
  }
}
