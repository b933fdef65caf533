package network.aioz.billing.economics;

import java.time.Instant;
import network.aioz.shared.amount.TokenAmount;

/** The whitepaper's inflation schedule ({@link InflationSchedule#WHITEPAPER}), for short. */
public final class Inflation {

  private Inflation() {}

  /** Annual rate in basis points at {@code instant}: 900 (9 %) down to 500 (5 %). */
  public static int rateAt(Instant instant) {
    return InflationSchedule.WHITEPAPER.rateAt(instant);
  }

  public static Minting mint(TokenAmount supplyAtStart, Instant from, Instant to) {
    return InflationSchedule.WHITEPAPER.mint(supplyAtStart, from, to);
  }
}
