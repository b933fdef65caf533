package network.aioz.billing.economics;

import java.time.Instant;

/** The annual rate that applied to the part {@code [from, to)} of a minting period. */
public record AppliedRate(Instant from, Instant to, int rateBps) {

  public AppliedRate {
    Checks.notNull(from, "from");
    Checks.notNull(to, "to");
    Checks.basisPoints(rateBps, "annual inflation rate");
  }
}
