package network.aioz.billing.economics;

import network.aioz.shared.amount.TokenAmount;

/** A period's burn {@code B_t}: each term floored on its own, the total their exact sum. */
public record Burn(
    BurnTerm chainFees, BurnTerm depinRevenue, BurnTerm infraRevenue, BurnTerm dappRevenue) {

  public Burn {
    Checks.notNull(chainFees, "chain fees term");
    Checks.notNull(depinRevenue, "DePIN revenue term");
    Checks.notNull(infraRevenue, "infrastructure revenue term");
    Checks.notNull(dappRevenue, "dApp revenue term");
  }

  /** {@code B_t}: the exact sum of the floored terms. */
  public TokenAmount total() {
    return chainFees
        .burned()
        .plus(depinRevenue.burned())
        .plus(infraRevenue.burned())
        .plus(dappRevenue.burned());
  }
}
