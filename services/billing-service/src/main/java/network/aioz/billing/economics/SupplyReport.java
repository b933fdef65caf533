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
    Minting minting, Burn burned, BigInteger netChange, TokenAmount supplyAtEnd) {

  public SupplyReport {
    Checks.notNull(minting, "minting");
    Checks.notNull(burned, "burned");
    Checks.notNull(netChange, "net change");
    Checks.notNull(supplyAtEnd, "supply at end");
    if (!netChange.equals(minting.minted().baseUnits().subtract(burned.total().baseUnits()))) {
      throw new IllegalArgumentException("net change " + netChange + " is not minted − burned");
    }
    if (!supplyAtEnd.baseUnits().equals(minting.supplyAtStart().baseUnits().add(netChange))) {
      throw new IllegalArgumentException("supply at end is not supply at start + net change");
    }
  }

  public Instant from() {
    return minting.from();
  }

  public Instant to() {
    return minting.to();
  }

  public TokenAmount supplyAtStart() {
    return minting.supplyAtStart();
  }

  public List<AppliedRate> rates() {
    return minting.rates();
  }

  public TokenAmount minted() {
    return minting.minted();
  }

  public TokenAmount toValidators() {
    return minting.toValidators();
  }

  public TokenAmount toTreasury() {
    return minting.toTreasury();
  }
}
