package network.aioz.shared.amount;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Splits an integer total between parties in proportion to weights by the largest-remainder
 * (Hamilton) method: everyone gets the floor of their exact quota, and the few units left over go
 * to the largest remainders, ties to the lower index. Parts always sum exactly to the total, each
 * is within one unit of its exact quota, and a larger weight never gets less.
 */
public final class Allocation {

  public static final int BASIS_POINTS_TOTAL = 10_000;

  private Allocation() {}

  /** Parts of {@code total} in the order of {@code weights}. */
  public static List<BigInteger> byWeights(BigInteger total, List<BigInteger> weights) {
    Objects.requireNonNull(total, "total");
    if (total.signum() < 0) {
      throw new IllegalArgumentException("cannot allocate a negative total: " + total);
    }
    if (weights.isEmpty()) {
      throw new IllegalArgumentException("no weights to allocate by");
    }
    BigInteger weightSum = BigInteger.ZERO;
    for (BigInteger weight : weights) {
      if (weight == null || weight.signum() < 0) {
        throw new IllegalArgumentException("weights must be non-negative: " + weights);
      }
      weightSum = weightSum.add(weight);
    }
    if (weightSum.signum() == 0) {
      throw new IllegalArgumentException("the weights sum to zero: nothing to allocate by");
    }
    int n = weights.size();
    BigInteger[] parts = new BigInteger[n];
    BigInteger[] remainders = new BigInteger[n];
    BigInteger allocated = BigInteger.ZERO;
    for (int i = 0; i < n; i++) {
      BigInteger[] qr = total.multiply(weights.get(i)).divideAndRemainder(weightSum);
      parts[i] = qr[0];
      remainders[i] = qr[1];
      allocated = allocated.add(qr[0]);
    }
    // Fewer than n units are left, since each floor loses less than one.
    int leftover = total.subtract(allocated).intValueExact();
    Integer[] byRemainder = new Integer[n];
    Arrays.setAll(byRemainder, i -> i);
    Arrays.sort(
        byRemainder,
        (a, b) -> {
          int cmp = remainders[b].compareTo(remainders[a]);
          return cmp != 0 ? cmp : Integer.compare(a, b);
        });
    for (int k = 0; k < leftover; k++) {
      int i = byRemainder[k];
      parts[i] = parts[i].add(BigInteger.ONE);
    }
    return List.of(parts);
  }

  public static List<TokenAmount> byWeights(TokenAmount total, List<BigInteger> weights) {
    return toAmounts(byWeights(total.baseUnits(), weights));
  }

  /** Parts by basis points, which must sum to exactly 10,000 (100%). */
  public static List<BigInteger> byBasisPoints(BigInteger total, List<Integer> basisPoints) {
    List<BigInteger> weights = new ArrayList<>(basisPoints.size());
    int sum = 0;
    for (Integer bps : basisPoints) {
      if (bps == null || bps < 0) {
        throw new IllegalArgumentException("basis points must be non-negative: " + basisPoints);
      }
      sum += bps;
      weights.add(BigInteger.valueOf(bps));
    }
    if (sum != BASIS_POINTS_TOTAL) {
      throw new IllegalArgumentException(
          "basis points must sum to " + BASIS_POINTS_TOTAL + ", got " + sum + ": " + basisPoints);
    }
    return byWeights(total, weights);
  }

  public static List<TokenAmount> byBasisPoints(TokenAmount total, List<Integer> basisPoints) {
    return toAmounts(byBasisPoints(total.baseUnits(), basisPoints));
  }

  private static List<TokenAmount> toAmounts(List<BigInteger> parts) {
    return parts.stream().map(TokenAmount::ofBaseUnits).toList();
  }
}
