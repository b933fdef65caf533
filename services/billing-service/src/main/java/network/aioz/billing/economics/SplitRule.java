package network.aioz.billing.economics;

import java.util.List;
import network.aioz.shared.amount.Allocation;

/**
 * How one service's fees are shared, in basis points of the fee. A rule is versioned by its {@code
 * id} so that every split can name the rule it was made under.
 */
public record SplitRule(
    String id, String service, int creatorBps, int edgesBps, int validatorsBps, int treasuryBps) {

  public SplitRule {
    Checks.notBlank(id, "split rule id");
    Checks.notBlank(service, "service of split rule " + id);
    for (int bps : List.of(creatorBps, edgesBps, validatorsBps, treasuryBps)) {
      if (bps < 0) {
        throw new IllegalArgumentException(
            "split rule " + id + " has a negative share: " + bps + " basis points");
      }
    }
    long sum = (long) creatorBps + edgesBps + validatorsBps + treasuryBps;
    if (sum != Allocation.BASIS_POINTS_TOTAL) {
      throw new IllegalArgumentException(
          "split rule "
              + id
              + " must sum to 10000 basis points, got "
              + sum
              + " ("
              + creatorBps
              + "/"
              + edgesBps
              + "/"
              + validatorsBps
              + "/"
              + treasuryBps
              + ")");
    }
    // A fee without a creator is shared among the others; a rule must leave them something.
    if (creatorBps == Allocation.BASIS_POINTS_TOTAL) {
      throw new IllegalArgumentException(
          "split rule " + id + " gives everything to the creator: a fee without one has no payee");
    }
  }

  public int bps(Party party) {
    return switch (party) {
      case CREATOR -> creatorBps;
      case EDGES -> edgesBps;
      case VALIDATORS -> validatorsBps;
      case TREASURY -> treasuryBps;
    };
  }

  /** Basis points in {@link Party} order. */
  public List<Integer> basisPoints() {
    return List.of(creatorBps, edgesBps, validatorsBps, treasuryBps);
  }
}
