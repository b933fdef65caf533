package network.aioz.billing.economics;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import network.aioz.shared.amount.TokenAmount;

/**
 * An epoch's reward pool as paid out: one statement per edge (by address), and what was left
 * unallocated because no edge scored. Payouts plus unallocated always equal the pool.
 */
public record EpochRewards(
    long epoch, TokenAmount pool, List<EdgeStatement> statements, TokenAmount unallocated) {

  public EpochRewards {
    Checks.nonNegative(epoch, "epoch");
    Checks.notNull(pool, "pool");
    Checks.requireNonNullElements(statements, "statements");
    statements = List.copyOf(statements);
    Checks.notNull(unallocated, "unallocated");
    BigInteger sum = unallocated.baseUnits();
    for (EdgeStatement statement : statements) {
      sum = sum.add(statement.payout().baseUnits());
    }
    if (!sum.equals(pool.baseUnits())) {
      throw new IllegalArgumentException(
          "payouts and unallocated sum to "
              + sum
              + " base units, not the pool "
              + pool.baseUnits());
    }
  }

  /** Payout by edge address, in statement order, zero payouts included. */
  public Map<String, TokenAmount> payouts() {
    Map<String, TokenAmount> payouts = new LinkedHashMap<>();
    for (EdgeStatement statement : statements) {
      payouts.put(statement.address(), statement.payout());
    }
    return payouts;
  }
}
