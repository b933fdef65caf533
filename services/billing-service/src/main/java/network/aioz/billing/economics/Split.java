package network.aioz.billing.economics;

import java.math.BigInteger;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import network.aioz.shared.amount.TokenAmount;

/**
 * One fee shared between the parties under a named rule. The parts always add up to the input: the
 * constructor refuses anything else, so no split can create or lose a base unit.
 */
public record Split(
    String ruleId,
    String service,
    TokenAmount input,
    boolean withCreator,
    Map<Party, TokenAmount> parts) {

  public Split {
    Checks.notBlank(ruleId, "rule id");
    Checks.notNull(input, "input");
    Checks.notNull(parts, "parts");
    EnumMap<Party, TokenAmount> copy = new EnumMap<>(Party.class);
    BigInteger sum = BigInteger.ZERO;
    for (Party party : Party.values()) {
      TokenAmount part = parts.getOrDefault(party, TokenAmount.ZERO);
      copy.put(party, part);
      sum = sum.add(part.baseUnits());
    }
    if (!sum.equals(input.baseUnits())) {
      throw new IllegalArgumentException(
          "split parts sum to " + sum + " base units, not the input " + input.baseUnits());
    }
    if (!withCreator && !copy.get(Party.CREATOR).isZero()) {
      throw new IllegalArgumentException("a split without a creator cannot pay the creator");
    }
    parts = Collections.unmodifiableMap(copy);
  }

  public TokenAmount part(Party party) {
    return parts.get(party);
  }
}
