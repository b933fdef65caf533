package network.aioz.billing.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import network.aioz.billing.economics.Party;
import network.aioz.billing.economics.SplitRules;
import network.aioz.billing.pricing.Price;
import network.aioz.shared.amount.TokenAmount;

class ChargingProperties {

  /**
   * However usage arrives, the increments a sequence of charge runs takes sum to the price of the
   * total quantity: rounding happens once, on the cumulative quantity, never per increment.
   */
  @Property(tries = 500)
  void incrementsSumToThePriceOfTheTotal(
      @ForAll("quantities") List<BigInteger> events,
      @ForAll("amounts") BigInteger amount,
      @ForAll("pers") BigInteger per,
      @ForAll("runs") List<Integer> runAfter) {
    Price price = new Price(1, "storage", "byte-second", "*", amount, per);
    BigInteger cumulative = BigInteger.ZERO;
    BigInteger due = BigInteger.ZERO;
    BigInteger charged = BigInteger.ZERO;
    BigInteger naive = BigInteger.ZERO;
    BigInteger[] paid =
        new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
    for (int i = 0; i < events.size(); i++) {
      cumulative = cumulative.add(events.get(i));
      naive = naive.add(price.due(events.get(i)));
      boolean runNow = i == events.size() - 1 || runAfter.contains(i % 7);
      if (runNow) {
        due = Charging.due(price, cumulative, due);
        BigInteger delta = due.subtract(charged);
        assertThat(delta.signum()).isNotNegative();
        var split = SplitRules.defaults().split("storage", TokenAmount.ofBaseUnits(delta), false);
        for (Party p : Party.values()) {
          paid[p.ordinal()] = paid[p.ordinal()].add(split.part(p).baseUnits());
        }
        charged = charged.add(delta);
      }
    }
    BigInteger total = cumulative.multiply(amount).divide(per);
    assertThat(charged).isEqualTo(total);
    assertThat(paid[0].add(paid[1]).add(paid[2]).add(paid[3])).isEqualTo(total);
    assertThat(naive).isLessThanOrEqualTo(total);
  }

  @Provide
  Arbitrary<List<BigInteger>> quantities() {
    return Arbitraries.bigIntegers()
        .between(BigInteger.ZERO, BigInteger.TEN.pow(24))
        .list()
        .ofMinSize(1)
        .ofMaxSize(40);
  }

  @Provide
  Arbitrary<BigInteger> amounts() {
    return Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(20));
  }

  @Provide
  Arbitrary<BigInteger> pers() {
    return Arbitraries.bigIntegers().between(BigInteger.ONE, BigInteger.TEN.pow(18));
  }

  @Provide
  Arbitrary<List<Integer>> runs() {
    return Arbitraries.integers().between(0, 6).list().ofMaxSize(7);
  }
}
