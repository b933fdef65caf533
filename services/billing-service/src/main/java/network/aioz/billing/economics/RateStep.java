package network.aioz.billing.economics;

import java.time.Instant;

/** From {@code from} on (inclusive), inflation runs at {@code rateBps} basis points a year. */
public record RateStep(Instant from, int rateBps) {

  public RateStep {
    Checks.notNull(from, "rate step start");
    Checks.basisPoints(rateBps, "annual inflation rate");
  }
}
