package network.aioz.billing.supply;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a closed billing period earned, the input of its supply settlement.
 *
 * @param period the period's id ({@code 2026-11})
 * @param revenueByService base units charged to tenants per service in the period
 * @param partyTotals base units the period's splits paid per party (creator, edges, validators,
 *     treasury), for the chain adapter's fee-split settlement
 */
public record PeriodIncome(
    String period,
    Instant from,
    Instant to,
    Map<String, BigInteger> revenueByService,
    Map<String, BigInteger> partyTotals) {

  public PeriodIncome {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("period " + period + " ends before it starts");
    }
    revenueByService = Map.copyOf(new TreeMap<>(revenueByService));
    partyTotals = Map.copyOf(new TreeMap<>(partyTotals));
    for (BigInteger v : revenueByService.values()) {
      if (v.signum() < 0) {
        throw new IllegalArgumentException("negative revenue in period " + period);
      }
    }
  }
}
