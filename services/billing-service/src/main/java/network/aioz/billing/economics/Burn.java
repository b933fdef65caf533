package network.aioz.billing.economics;

import network.aioz.shared.amount.TokenAmount;

/** A period's burn {@code B_t}: each term floored on its own, the total their exact sum. */
public record Burn(
    BurnTerm chainFees,
    BurnTerm depinRevenue,
    BurnTerm infraRevenue,
    BurnTerm dappRevenue,
    TokenAmount total) {

  public Burn {
    Checks.notNull(chainFees, "chain fees term");
    Checks.notNull(depinRevenue, "DePIN revenue term");
    Checks.notNull(infraRevenue, "infrastructure revenue term");
    Checks.notNull(dappRevenue, "dApp revenue term");
    TokenAmount sum =
        chainFees
            .burned()
            .plus(depinRevenue.burned())
            .plus(infraRevenue.burned())
            .plus(dappRevenue.burned());
    if (!sum.equals(total)) {
      throw new IllegalArgumentException(
          "burn total " + total + " is not the sum of its terms " + sum);
    }
  }
}
