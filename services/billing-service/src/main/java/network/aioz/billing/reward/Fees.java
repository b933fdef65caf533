package network.aioz.billing.reward;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * Fee-split amounts in base units: what creators, edges, validators and treasury were paid from
 * revenue and what was burned, either cumulative (a snapshot) or over one epoch (a difference).
 */
record Fees(
    BigInteger creators,
    BigInteger edges,
    BigInteger validators,
    BigInteger treasury,
    BigInteger burned) {

  static final Fees ZERO =
      new Fees(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);

  Fees {
    List<BigInteger> parts = Arrays.asList(creators, edges, validators, treasury, burned);
    if (parts.stream().anyMatch(part -> part == null || part.signum() < 0)) {
      // a cumulative total went down, or a snapshot older than the previous one: not money to
      // report; the epoch's transaction rolls back and its event is retried
      throw new IllegalStateException("fee amounts are never negative: " + parts);
    }
  }

  /** What was added since {@code earlier}, a snapshot taken before this one. */
  Fees since(Fees earlier) {
    return new Fees(
        creators.subtract(earlier.creators),
        edges.subtract(earlier.edges),
        validators.subtract(earlier.validators),
        treasury.subtract(earlier.treasury),
        burned.subtract(earlier.burned));
  }

  /** As events and the API carry amounts: decimal strings of base units. */
  Rewards.FeeTotals totals() {
    return new Rewards.FeeTotals(
        creators.toString(),
        edges.toString(),
        validators.toString(),
        treasury.toString(),
        burned.toString());
  }
}
