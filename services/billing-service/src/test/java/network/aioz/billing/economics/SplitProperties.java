package network.aioz.billing.economics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import network.aioz.shared.amount.TokenAmount;

class SplitProperties {

  static final BigInteger MAX = BigInteger.ONE.shiftLeft(200);

  @Property
  void everySplitAddsUpToItsInputAndStaysWithinOneUnitOfItsQuota(
      @ForAll("amounts") TokenAmount amount,
      @ForAll("rules") SplitRule rule,
      @ForAll boolean hasCreator) {
    Split split = FeeSplitter.split(amount, rule, hasCreator);

    BigInteger sum =
        split.parts().values().stream()
            .map(TokenAmount::baseUnits)
            .reduce(BigInteger.ZERO, BigInteger::add);
    assertThat(sum).isEqualTo(amount.baseUnits());
    int payeesBps = hasCreator ? 10_000 : 10_000 - rule.creatorBps();
    for (Party party : Party.values()) {
      int bps = hasCreator || party != Party.CREATOR ? rule.bps(party) : 0;
      BigInteger part = split.part(party).baseUnits();
      // exact quota = amount · bps / payeesBps; the part is its floor or floor + 1
      BigInteger floor =
          amount
              .baseUnits()
              .multiply(BigInteger.valueOf(bps))
              .divide(BigInteger.valueOf(payeesBps));
      assertThat(part).isBetween(floor, floor.add(BigInteger.ONE));
    }
  }

  @Provide
  Arbitrary<TokenAmount> amounts() {
    return Arbitraries.bigIntegers()
        .between(BigInteger.ZERO, MAX)
        .edgeCases(c -> c.includeOnly(BigInteger.ZERO, BigInteger.ONE, MAX))
        .map(TokenAmount::ofBaseUnits);
  }

  @Provide
  Arbitrary<SplitRule> rules() {
    // three cut points in [0, 10000] give four non-negative shares summing to 10000
    return Arbitraries.integers()
        .between(0, 10_000)
        .list()
        .ofSize(3)
        .map(cuts -> cuts.stream().sorted().toList())
        .map(c -> List.of(c.get(0), c.get(1) - c.get(0), c.get(2) - c.get(1), 10_000 - c.get(2)))
        .filter(bps -> bps.get(0) < 10_000)
        .map(bps -> new SplitRule("r-v1", "svc", bps.get(0), bps.get(1), bps.get(2), bps.get(3)));
  }

  @Provide
  Arbitrary<BurnInputs> burnInputs() {
    Arbitrary<TokenAmount> a = amounts();
    return Combinators.combine(a, a, a, a).as(BurnInputs::new);
  }

  @Property
  void aBurnNeverExceedsItsShareAndIsTheSumOfItsTerms(@ForAll("burnInputs") BurnInputs inputs) {
    Burn burn = BurnRates.WHITEPAPER.burn(inputs);

    BigInteger bound =
        inputs
            .chainFees()
            .baseUnits()
            .multiply(BigInteger.valueOf(5000))
            .add(inputs.depinRevenue().baseUnits().multiply(BigInteger.valueOf(500)))
            .add(inputs.infraRevenue().baseUnits().multiply(BigInteger.valueOf(500)))
            .add(inputs.dappRevenue().baseUnits().multiply(BigInteger.valueOf(500)));
    // Σ floor(x·bps/10^4) ≤ Σ x·bps/10^4 < Σ floor(...) + 4
    BigInteger scaled = burn.total().baseUnits().multiply(BigInteger.valueOf(10_000));
    assertThat(scaled).isLessThanOrEqualTo(bound);
    assertThat(scaled.add(BigInteger.valueOf(40_000))).isGreaterThan(bound);
  }
}
