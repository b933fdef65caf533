package network.aioz.billing.economics;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import network.aioz.shared.amount.TokenAmount;

/**
 * How the supply moved over one period: minted and burned, net change {@code ΔS = M − B} (negative
 * when burns exceed minting) and the supply at the end, {@code S + ΔS}.
 */
public record SupplyReport(Minting minting, Burn burned) {

  public SupplyReport {
    Checks.notNull(minting, "minting");
    Checks.notNull(burned, "burned");
    if (minting.supplyAtStart().baseUnits().add(netChange(minting, burned)).signum() < 0) {
      throw new IllegalArgumentException(
          "burning "
              + burned.total()
              + " exceeds the supply "
              + minting.supplyAtStart()
              + " plus minted "
              + minting.minted());
    }
  }

  /** {@code ΔS = M − B}, negative when burns exceed minting. */
  public BigInteger netChange() {
    return netChange(minting, burned);
  }

  /** {@code S + ΔS}. */
  public TokenAmount supplyAtEnd() {
    return TokenAmount.ofBaseUnits(supplyAtStart().baseUnits().add(netChange()));
  }

  private static BigInteger netChange(Minting minting, Burn burned) {
    return minting.minted().baseUnits().subtract(burned.total().baseUnits());
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
