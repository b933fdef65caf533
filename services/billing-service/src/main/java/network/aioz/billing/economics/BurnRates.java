package network.aioz.billing.economics;

/**
 * What share of each kind of period income is burned, in basis points. {@link #WHITEPAPER} is
 * {@code B_t = 0.50 F_chain + 0.05 R_depin + 0.05 R_infra + 0.05 R_dapp}.
 */
public record BurnRates(
    int chainFeesBps, int depinRevenueBps, int infraRevenueBps, int dappRevenueBps) {

  public static final BurnRates WHITEPAPER = new BurnRates(5000, 500, 500, 500);

  public BurnRates {
    Checks.basisPoints(chainFeesBps, "chain fee burn rate");
    Checks.basisPoints(depinRevenueBps, "DePIN revenue burn rate");
    Checks.basisPoints(infraRevenueBps, "infrastructure revenue burn rate");
    Checks.basisPoints(dappRevenueBps, "dApp revenue burn rate");
  }

  public Burn burn(BurnInputs inputs) {
    Checks.notNull(inputs, "burn inputs");
    BurnTerm chain = BurnTerm.of(inputs.chainFees(), chainFeesBps);
    BurnTerm depin = BurnTerm.of(inputs.depinRevenue(), depinRevenueBps);
    BurnTerm infra = BurnTerm.of(inputs.infraRevenue(), infraRevenueBps);
    BurnTerm dapp = BurnTerm.of(inputs.dappRevenue(), dappRevenueBps);
    return new Burn(chain, depin, infra, dapp);
  }
}
