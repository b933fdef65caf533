package network.aioz.billing.economics;

import network.aioz.shared.amount.TokenAmount;

/** A period's amounts that burns are taken from. */
public record BurnInputs(
    TokenAmount chainFees,
    TokenAmount depinRevenue,
    TokenAmount infraRevenue,
    TokenAmount dappRevenue) {

  public static final BurnInputs NONE =
      new BurnInputs(TokenAmount.ZERO, TokenAmount.ZERO, TokenAmount.ZERO, TokenAmount.ZERO);

  public BurnInputs {
    Checks.notNull(chainFees, "chain fees");
    Checks.notNull(depinRevenue, "DePIN revenue");
    Checks.notNull(infraRevenue, "infrastructure revenue");
    Checks.notNull(dappRevenue, "dApp revenue");
  }
}
