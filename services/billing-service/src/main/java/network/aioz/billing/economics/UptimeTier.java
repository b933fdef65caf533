package network.aioz.billing.economics;

/** At or above {@code minUptimeBps} of the epoch online, reputation is {@code multiplierBps}. */
public record UptimeTier(int minUptimeBps, int multiplierBps) {

  public UptimeTier {
    Checks.basisPoints(minUptimeBps, "uptime tier threshold");
    Checks.nonNegative(multiplierBps, "reputation multiplier");
  }
}
