package network.aioz.billing.economics;

import java.time.Instant;
import java.util.List;
import network.aioz.shared.amount.TokenAmount;

/**
 * New tokens for the period {@code [from, to)}: {@code minted} is floored once over the whole
 * period; validators and delegators get {@code floor(minted / 2)}, the treasury the rest.
 */
public record Minting(
    Instant from,
    Instant to,
    TokenAmount supplyAtStart,
    List<AppliedRate> rates,
    TokenAmount minted) {

  public Minting {
    Checks.notNull(from, "from");
    Checks.notNull(to, "to");
    Checks.notNull(supplyAtStart, "supply at start");
    Checks.requireNonNullElements(rates, "applied rates");
    rates = List.copyOf(rates);
    Checks.notNull(minted, "minted");
  }

  /** Validators' and delegators' half, rounded down. */
  public TokenAmount toValidators() {
    return TokenAmount.ofBaseUnits(minted.baseUnits().shiftRight(1));
  }

  /** The rest, so the odd base unit goes to the treasury. */
  public TokenAmount toTreasury() {
    return minted.minus(toValidators());
  }
}
