package network.aioz.billing.economics;

import java.math.BigInteger;
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

  public SupplyReport report(
      TokenAmount supplyAtStart, Instant from, Instant to, BurnInputs periodIncome) {
    Minting minting = inflation.mint(supplyAtStart, from, to);
    Burn burn = burns.burn(periodIncome);
    BigInteger net = minting.minted().baseUnits().subtract(burn.total().baseUnits());
    BigInteger end = supplyAtStart.baseUnits().add(net);
    if (end.signum() < 0) {
      throw new IllegalArgumentException(
          "burning "
              + burn.total()
              + " exceeds the supply "
              + supplyAtStart
              + " plus minted "
              + minting.minted());
    }
    return new SupplyReport(minting, burn, net, TokenAmount.ofBaseUnits(end));
  }
}
