package network.aioz.billing.economics;

import java.math.BigInteger;
import java.util.List;

/**
 * The reputation multiplier {@code RR = tier(uptime) × max(0, 1 − penalty × f(f+1)/2)}: the uptime
 * tier rewards staying online, and the penalty grows with the square of the epoch's faults {@code
 * f}, so repeated faults cost more each time.
 *
 * @param tiers uptime tiers, highest threshold first
 * @param belowMultiplierBps the multiplier under the lowest tier
 * @param faultPenaltyBps the penalty per triangular fault unit
 */
public record ReputationTable(List<UptimeTier> tiers, int belowMultiplierBps, int faultPenaltyBps) {

  public static final ReputationTable DEFAULT =
      new ReputationTable(
          List.of(
              new UptimeTier(9990, 12_000),
              new UptimeTier(9950, 11_000),
              new UptimeTier(9800, 10_000)),
          5000,
          500);

  public ReputationTable {
    Checks.requireNonNullElements(tiers, "uptime tiers");
    tiers = List.copyOf(tiers);
    Checks.nonNegative(belowMultiplierBps, "multiplier below the lowest tier");
    Checks.basisPoints(faultPenaltyBps, "fault penalty");
    for (int i = 1; i < tiers.size(); i++) {
      if (tiers.get(i).minUptimeBps() >= tiers.get(i - 1).minUptimeBps()) {
        throw new IllegalArgumentException(
            "uptime tiers must be ordered by strictly decreasing threshold: " + tiers);
      }
    }
  }

  /** {@code RR} for an edge online {@code uptimeSeconds} of {@code epochSeconds}. */
  public Ratio multiplier(long uptimeSeconds, long epochSeconds, int faults) {
    return Ratio.basisPoints(tierBps(uptimeSeconds, epochSeconds)).times(faultFactor(faults));
  }

  int tierBps(long uptimeSeconds, long epochSeconds) {
    BigInteger uptime = BigInteger.valueOf(uptimeSeconds).multiply(BigInteger.valueOf(10_000));
    for (UptimeTier tier : tiers) {
      // uptime / epoch >= min / 10000, compared without division
      if (uptime.compareTo(
              BigInteger.valueOf(tier.minUptimeBps()).multiply(BigInteger.valueOf(epochSeconds)))
          >= 0) {
        return tier.multiplierBps();
      }
    }
    return belowMultiplierBps;
  }

  Ratio faultFactor(int faults) {
    BigInteger units =
        BigInteger.valueOf(faults).multiply(BigInteger.valueOf(faults + 1L)).shiftRight(1);
    BigInteger penalty = units.multiply(BigInteger.valueOf(faultPenaltyBps));
    BigInteger left = BigInteger.valueOf(10_000).subtract(penalty).max(BigInteger.ZERO);
    return Ratio.of(left, BigInteger.valueOf(10_000));
  }
}
