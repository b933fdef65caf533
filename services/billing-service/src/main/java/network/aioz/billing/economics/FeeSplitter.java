package network.aioz.billing.economics;

import java.math.BigInteger;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import network.aioz.shared.amount.Allocation;
import network.aioz.shared.amount.TokenAmount;

/** Shares a fee between the parties by a {@link SplitRule}, exactly, by largest remainder. */
public final class FeeSplitter {

  private FeeSplitter() {}

  /**
   * Splits {@code amount} by {@code rule}. Without a creator, the creator's share goes to edges,
   * validators and treasury in proportion to their basis points. A base unit left over by the
   * floors goes to the largest remainder, ties to the earlier {@link Party}.
   */
  public static Split split(TokenAmount amount, SplitRule rule, boolean hasCreator) {
    Checks.notNull(amount, "amount to split");
    Checks.notNull(rule, "split rule");
    Map<Party, TokenAmount> parts = new EnumMap<>(Party.class);
    if (hasCreator) {
      List<TokenAmount> shares = Allocation.byBasisPoints(amount, rule.basisPoints());
      for (Party party : Party.values()) {
        parts.put(party, shares.get(party.ordinal()));
      }
    } else {
      List<Party> payees = List.of(Party.EDGES, Party.VALIDATORS, Party.TREASURY);
      List<BigInteger> weights = payees.stream().map(p -> BigInteger.valueOf(rule.bps(p))).toList();
      List<TokenAmount> shares = Allocation.byWeights(amount, weights);
      parts.put(Party.CREATOR, TokenAmount.ZERO);
      for (int i = 0; i < payees.size(); i++) {
        parts.put(payees.get(i), shares.get(i));
      }
    }
    return new Split(rule.id(), rule.service(), amount, hasCreator, parts);
  }
}
