package network.aioz.shared.amount;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class AllocationProperties {

  @Property
  void partsSumExactlyToTheTotal(
      @ForAll("totals") BigInteger total, @ForAll("weights") List<BigInteger> weights) {
    Assume.that(weights.stream().anyMatch(w -> w.signum() > 0));
    List<BigInteger> parts = Allocation.byWeights(total, weights);
    assertThat(parts).hasSameSizeAs(weights);
    assertThat(parts.stream().reduce(BigInteger.ZERO, BigInteger::add)).isEqualTo(total);
  }

  @Property
  void eachPartIsWithinOneUnitOfItsExactQuota(
      @ForAll("totals") BigInteger total, @ForAll("weights") List<BigInteger> weights) {
    Assume.that(weights.stream().anyMatch(w -> w.signum() > 0));
    BigInteger weightSum = weights.stream().reduce(BigInteger.ZERO, BigInteger::add);
    List<BigInteger> parts = Allocation.byWeights(total, weights);
    for (int i = 0; i < parts.size(); i++) {
      // |part - total*w/W| < 1  <=>  |part*W - total*w| < W
      BigInteger scaledError =
          parts.get(i).multiply(weightSum).subtract(total.multiply(weights.get(i))).abs();
      assertThat(scaledError).isLessThan(weightSum);
    }
  }

  @Property
  void aLargerWeightNeverGetsLess(
      @ForAll("totals") BigInteger total, @ForAll("weights") List<BigInteger> weights) {
    Assume.that(weights.stream().anyMatch(w -> w.signum() > 0));
    List<BigInteger> parts = Allocation.byWeights(total, weights);
    for (int i = 0; i < weights.size(); i++) {
      for (int j = 0; j < weights.size(); j++) {
        if (weights.get(i).compareTo(weights.get(j)) > 0) {
          assertThat(parts.get(i)).isGreaterThanOrEqualTo(parts.get(j));
        }
      }
    }
  }

  @Property
  void raisingOneWeightNeverLowersItsPart(
      @ForAll("totals") BigInteger total,
      @ForAll("weights") List<BigInteger> weights,
      @ForAll @IntRange(min = 0, max = 100) int pick,
      @ForAll @IntRange(min = 1, max = 1000) int raise) {
    Assume.that(weights.stream().anyMatch(w -> w.signum() > 0));
    int i = pick % weights.size();
    List<BigInteger> raised = new ArrayList<>(weights);
    raised.set(i, weights.get(i).add(BigInteger.valueOf(raise)));
    assertThat(Allocation.byWeights(total, raised).get(i))
        .isGreaterThanOrEqualTo(Allocation.byWeights(total, weights).get(i));
  }

  @Property
  void theResultDependsOnlyOnTheInput(
      @ForAll("totals") BigInteger total, @ForAll("weights") List<BigInteger> weights) {
    Assume.that(weights.stream().anyMatch(w -> w.signum() > 0));
    assertThat(Allocation.byWeights(total, weights))
        .isEqualTo(Allocation.byWeights(total, List.copyOf(weights)));
  }

  @Provide
  Arbitrary<BigInteger> totals() {
    return Arbitraries.oneOf(
        Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(50)),
        Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(30)));
  }

  @Provide
  Arbitrary<List<BigInteger>> weights() {
    return Arbitraries.oneOf(
            Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN),
            Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(24)))
        .list()
        .ofMinSize(1)
        .ofMaxSize(12);
  }
}
