package network.aioz.billing.economics;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import network.aioz.shared.amount.TokenAmount;

/**
 * How the supply moved over one period: minted and burned, net change {@code ΔS = M − B} (negative
 * when burns exceed minting) and the supply at the end, {@code S + ΔS}.
 */
public record SupplyReport(
    Instant from,
    Instant to,
    TokenAmount supplyAtStart,
    List<AppliedRate> rates,
    TokenAmount minted,
    TokenAmount toValidators,
    TokenAmount toTreasury,
    Burn burned,
    BigInteger netChange,
    TokenAmount supplyAtEnd) {

  public SupplyReport {
    Checks.notNull(from, "from");
    Checks.notNull(to, "to");
    Checks.notNull(supplyAtStart, "supply at start");
    Checks.requireNonNullElements(rates, "applied rates");
    rates = List.copyOf(rates);
    Checks.notNull(minted, "minted");
    Checks.notNull(toValidators, "to validators");
    Checks.notNull(toTreasury, "to treasury");
    Checks.notNull(burned, "burned");
    Checks.notNull(netChange, "net change");
    Checks.notNull(supplyAtEnd, "supply at end");
    if (!netChange.equals(minted.baseUnits().subtract(burned.total().baseUnits()))) {
      throw new IllegalArgumentException("net change " + netChange + " is not minted − burned");
    }
    if (!supplyAtEnd.baseUnits().equals(supplyAtStart.baseUnits().add(netChange))) {
      throw new IllegalArgumentException("supply at end is not supply at start + net change");
    }
  }
}
