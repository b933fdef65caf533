package network.aioz.billing.economics;

import java.math.BigInteger;
import network.aioz.shared.amount.TokenAmount;

/** One term of a burn: {@code burned = floor(base * bps / 10000)}. */
public record BurnTerm(TokenAmount base, int bps, TokenAmount burned) {

  private static final BigInteger BASIS_POINTS = BigInteger.valueOf(10_000);

  public BurnTerm {
    Checks.notNull(base, "burn base");
    Checks.basisPoints(bps, "burn rate");
    Checks.notNull(burned, "burned");
    if (!burned.baseUnits().equals(floorShare(base, bps))) {
      throw new IllegalArgumentException(
          "burned "
              + burned.baseUnits()
              + " is not floor("
              + base.baseUnits()
              + " * "
              + bps
              + " / 10000)");
    }
  }

  static BurnTerm of(TokenAmount base, int bps) {
    Checks.notNull(base, "burn base");
    Checks.basisPoints(bps, "burn rate");
    return new BurnTerm(base, bps, TokenAmount.ofBaseUnits(floorShare(base, bps)));
  }

  private static BigInteger floorShare(TokenAmount base, int bps) {
    return base.baseUnits().multiply(BigInteger.valueOf(bps)).divide(BASIS_POINTS);
  }
}
