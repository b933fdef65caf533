package network.aioz.billing.economics;

import java.time.Instant;
import network.aioz.shared.amount.TokenAmount;

/** Inflation and burn rates together: what one period does to the supply. */
public record SupplyPolicy(InflationSchedule inflation, BurnRates burns) {

  public static final SupplyPolicy WHITEPAPER =
      new SupplyPolicy(InflationSchedule.WHITEPAPER, BurnRates.WHITEPAPER);

  public SupplyPolicy {
    Checks.notNull(inflation, "inflation schedule");
    Checks.notNull(burns, "burn rates");
  }

  /** What the period does to the supply; a burn larger than the supply plus minting is refused. */
  public SupplyReport report(
      TokenAmount supplyAtStart, Instant from, Instant to, BurnInputs periodIncome) {
    return new SupplyReport(inflation.mint(supplyAtStart, from, to), burns.burn(periodIncome));
  }
}
