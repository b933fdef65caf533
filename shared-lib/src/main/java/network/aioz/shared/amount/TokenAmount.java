package network.aioz.shared.amount;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A non-negative amount of the platform token, held as an integer number of base units (1 token =
 * 10^18 base units, like wei) and never more than a {@code uint256}. No floating point anywhere;
 * decimal strings convert exactly both ways. JSON form is a string of base units ({@code
 * "1500000000000000000"}), because JSON numbers lose precision in most clients. In SQL, store base
 * units in {@code NUMERIC(78,0)}: 78 digits hold any uint256.
 */
public final class TokenAmount implements Comparable<TokenAmount> {

  public static final int DECIMALS = 18;
  public static final BigInteger BASE_UNITS_PER_TOKEN = BigInteger.TEN.pow(DECIMALS);
  public static final BigInteger MAX_BASE_UNITS =
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
  public static final TokenAmount ZERO = new TokenAmount(BigInteger.ZERO);

  private static final Pattern DECIMAL = Pattern.compile("(\\d+)(?:\\.(\\d{1,18}))?");
  private static final Pattern BASE_UNITS = Pattern.compile("\\d+");

  private final BigInteger baseUnits;

  private TokenAmount(BigInteger baseUnits) {
    this.baseUnits = baseUnits;
  }

  public static TokenAmount ofBaseUnits(BigInteger baseUnits) {
    Objects.requireNonNull(baseUnits, "baseUnits");
    if (baseUnits.signum() < 0) {
      throw new IllegalArgumentException("a token amount cannot be negative: " + baseUnits);
    }
    if (baseUnits.compareTo(MAX_BASE_UNITS) > 0) {
      throw new ArithmeticException("a token amount cannot exceed a uint256: " + baseUnits);
    }
    return baseUnits.signum() == 0 ? ZERO : new TokenAmount(baseUnits);
  }

  public static TokenAmount ofBaseUnits(long baseUnits) {
    return ofBaseUnits(BigInteger.valueOf(baseUnits));
  }

  public static TokenAmount ofWhole(long tokens) {
    return ofWhole(BigInteger.valueOf(tokens));
  }

  public static TokenAmount ofWhole(BigInteger tokens) {
    return ofBaseUnits(tokens.multiply(BASE_UNITS_PER_TOKEN));
  }

  /**
   * Parses a decimal number of tokens such as {@code "1.5"} or {@code "0.000000000000000001"}
   * exactly. Refuses signs, exponents, separators and more than 18 decimals rather than rounding.
   */
  public static TokenAmount parse(String tokens) {
    var matcher = DECIMAL.matcher(Objects.requireNonNull(tokens, "tokens"));
    if (!matcher.matches()) {
      throw new NumberFormatException(
          "not a token amount (digits, optionally '.' and at most 18 decimals): '" + tokens + "'");
    }
    String fraction = matcher.group(2) == null ? "" : matcher.group(2);
    String padded = fraction + "0".repeat(DECIMALS - fraction.length());
    return ofBaseUnits(new BigInteger(matcher.group(1) + padded));
  }

  /** Base units as a decimal string: the JSON form. */
  @JsonCreator
  public static TokenAmount fromJson(String baseUnits) {
    if (baseUnits == null || !BASE_UNITS.matcher(baseUnits).matches()) {
      throw new NumberFormatException("not a number of base units: '" + baseUnits + "'");
    }
    return ofBaseUnits(new BigInteger(baseUnits));
  }

  @JsonValue
  public String toJson() {
    return baseUnits.toString();
  }

  public BigInteger baseUnits() {
    return baseUnits;
  }

  /** Shortest exact decimal form in tokens: {@code "1.5"}, {@code "2"}, {@code "0.000001"}. */
  public String toDecimalString() {
    BigInteger[] parts = baseUnits.divideAndRemainder(BASE_UNITS_PER_TOKEN);
    if (parts[1].signum() == 0) {
      return parts[0].toString();
    }
    String fraction = parts[1].toString();
    fraction = "0".repeat(DECIMALS - fraction.length()) + fraction;
    int end = fraction.length();
    while (fraction.charAt(end - 1) == '0') {
      end--;
    }
    return parts[0] + "." + fraction.substring(0, end);
  }

  public TokenAmount plus(TokenAmount other) {
    return ofBaseUnits(baseUnits.add(other.baseUnits));
  }

  /** Refuses to go below zero: an {@link InsufficientAmountException} names both amounts. */
  public TokenAmount minus(TokenAmount other) {
    if (baseUnits.compareTo(other.baseUnits) < 0) {
      throw new InsufficientAmountException(this, other);
    }
    return ofBaseUnits(baseUnits.subtract(other.baseUnits));
  }

  public boolean isZero() {
    return baseUnits.signum() == 0;
  }

  public boolean isLessThan(TokenAmount other) {
    return compareTo(other) < 0;
  }

  @Override
  public int compareTo(TokenAmount other) {
    return baseUnits.compareTo(other.baseUnits);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenAmount other && baseUnits.equals(other.baseUnits);
  }

  @Override
  public int hashCode() {
    return baseUnits.hashCode();
  }

  @Override
  public String toString() {
    return toDecimalString();
  }
}
