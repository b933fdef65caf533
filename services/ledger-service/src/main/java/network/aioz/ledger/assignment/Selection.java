package network.aioz.ledger.assignment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/** The state of one decision: what it needs, what it has chosen so far, and its own randomness. */
final class Selection {

  final SplittableRandom random;
  final Requirement requirement;
  final double minReputation;
  final String preferredRegion;
  private final Set<String> excluded;
  private final List<Node> chosen = new ArrayList<>();
  private final Map<String, Integer> regionUses = new HashMap<>();
  private int maxRegionUses;
  private int spreadLevel;
  private final Set<String> usedFaultDomains = new HashSet<>();

  Selection(
      SplittableRandom random,
      Requirement requirement,
      double minReputation,
      Set<String> excluded,
      String preferredRegion) {
    this.random = random;
    this.requirement = requirement;
    this.minReputation = minReputation;
    this.excluded = excluded;
    this.preferredRegion = preferredRegion;
  }

  boolean allowsRegion(String region, Tier tier) {
    return switch (tier) {
      case PREFERRED_REGION -> region.equals(preferredRegion);
      case SPREAD -> regionUses.getOrDefault(region, 0) <= spreadLevel;
      case ANY -> true;
    };
  }

  boolean accepts(Node node, Tier tier) {
    if (!allowsRegion(node.region, tier)) {
      return false;
    }
    if (tier == Tier.SPREAD && usedFaultDomains.contains(node.faultDomain)) {
      return false;
    }
    return !isChosen(node)
        && !excluded.contains(node.id)
        && node.canTake(requirement, minReputation);
  }

  private boolean isChosen(Node node) {
    // A placement holds a handful of pieces: a linear scan beats hashing here.
    for (Node other : chosen) {
      if (other == node) {
        return true;
      }
    }
    return false;
  }

  void choose(Node node) {
    chosen.add(node);
    maxRegionUses = Math.max(maxRegionUses, regionUses.merge(node.region, 1, Integer::sum));
    usedFaultDomains.add(node.faultDomain);
  }

  int spreadLevel() {
    return spreadLevel;
  }

  void spreadLevel(int level) {
    this.spreadLevel = level;
  }

  /** The most pieces any one region holds so far: the highest spread level worth trying. */
  int maxRegionUses() {
    return maxRegionUses;
  }

  List<Node> chosen() {
    return chosen;
  }
}
