package network.aioz.billing.economics;

import java.math.BigInteger;

/**
 * A non-negative exact rational, always in lowest terms, so equal values are equal records. Reward
 * scores are kept as these so that nothing is rounded before the one final allocation.
 */
public record Ratio(BigInteger numerator, BigInteger denominator) implements Comparable<Ratio> {

  public static final Ratio ZERO = new Ratio(BigInteger.ZERO, BigInteger.ONE);
  public static final Ratio ONE = new Ratio(BigInteger.ONE, BigInteger.ONE);

  public Ratio {
    Checks.notNull(numerator, "numerator");
    Checks.notNull(denominator, "denominator");
    if (denominator.signum() <= 0) {
      throw new IllegalArgumentException("denominator must be positive, got " + denominator);
    }
    if (numerator.signum() < 0) {
      throw new IllegalArgumentException("a ratio here is never negative, got " + numerator);
    }
    BigInteger gcd = numerator.gcd(denominator);
    if (!gcd.equals(BigInteger.ONE)) {
      numerator = numerator.divide(gcd);
      denominator = denominator.divide(gcd);
    }
  }

  public static Ratio of(long numerator, long denominator) {
    return new Ratio(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
  }

  public static Ratio of(BigInteger numerator, BigInteger denominator) {
    return new Ratio(numerator, denominator);
  }

  /** {@code bps / 10000}. */
  public static Ratio basisPoints(long bps) {
    return of(bps, 10_000);
  }

  public Ratio plus(Ratio other) {
    return new Ratio(
        numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
        denominator.multiply(other.denominator));
  }

  public Ratio times(Ratio other) {
    return new Ratio(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
  }

  public boolean isZero() {
    return numerator.signum() == 0;
  }

  /** Rounded down to {@code digits} decimals, always with that many: {@code "0.500000"}. */
  public String toDecimalString(int digits) {
    BigInteger scaled = numerator.multiply(BigInteger.TEN.pow(digits)).divide(denominator);
    String text = scaled.toString();
    if (digits == 0) {
      return text;
    }
    if (text.length() <= digits) {
      text = "0".repeat(digits + 1 - text.length()) + text;
    }
    int point = text.length() - digits;
    return text.substring(0, point) + "." + text.substring(point);
  }

  @Override
  public int compareTo(Ratio other) {
    return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
  }

  @Override
  public String toString() {
    return numerator + "/" + denominator;
  }
}
