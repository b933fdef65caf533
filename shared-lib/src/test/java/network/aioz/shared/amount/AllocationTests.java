package network.aioz.shared.amount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllocationTests {

  private static List<BigInteger> big(long... values) {
    return java.util.Arrays.stream(values).mapToObj(BigInteger::valueOf).toList();
  }

  @Test
  void givesLeftoverUnitsToTheLargestRemainders() {
    // quotas 3.33.., 3.33.., 3.33..: one unit left, tie broken by the lowest index
    assertThat(Allocation.byWeights(BigInteger.TEN, big(1, 1, 1))).isEqualTo(big(4, 3, 3));
    // quotas 1.4, 2.1, 3.5: floors 1, 2, 3; one unit left goes to the .5
    assertThat(Allocation.byWeights(BigInteger.valueOf(7), big(2, 3, 5))).isEqualTo(big(1, 2, 4));
    assertThat(Allocation.byWeights(BigInteger.ZERO, big(1, 2))).isEqualTo(big(0, 0));
    assertThat(Allocation.byWeights(BigInteger.valueOf(5), big(0, 1))).isEqualTo(big(0, 5));
  }

  @Test
  void splitsTokensByBasisPoints() {
    List<TokenAmount> parts =
        Allocation.byBasisPoints(TokenAmount.parse("1"), List.of(7000, 2000, 500, 500));
    assertThat(parts)
        .extracting(TokenAmount::toDecimalString)
        .containsExactly("0.7", "0.2", "0.05", "0.05");
    assertThat(Allocation.byBasisPoints(BigInteger.valueOf(3), List.of(3334, 3333, 3333)))
        .isEqualTo(big(1, 1, 1));
  }

  @Test
  void refusesWeightsThatCannotAllocate() {
    assertThatThrownBy(() -> Allocation.byWeights(BigInteger.TEN, big(0, 0)))
        .hasMessageContaining("sum to zero");
    assertThatThrownBy(() -> Allocation.byWeights(BigInteger.TEN, big(1, -1)))
        .hasMessageContaining("non-negative");
    assertThatThrownBy(() -> Allocation.byWeights(BigInteger.TEN, List.of()))
        .hasMessageContaining("no weights");
    assertThatThrownBy(() -> Allocation.byWeights(BigInteger.ONE.negate(), big(1)))
        .hasMessageContaining("negative total");
    assertThatThrownBy(() -> Allocation.byBasisPoints(BigInteger.TEN, List.of(5000, 4999)))
        .hasMessageContaining("10000");
  }
}
