package network.aioz.ledger.assignment;

import java.util.Objects;
import java.util.Set;

/**
 * A request for distinct nodes, one per piece of one object.
 *
 * @param excludedNodeIds nodes that must not be chosen (they already hold a piece, failed it, ...)
 * @param preferredRegion where the first piece should go if possible, or null
 * @param groupKey what the pieces belong to (an object id), used in errors; may be null
 */
public record PlacementRequest(
    Requirement requirement,
    int pieces,
    Set<String> excludedNodeIds,
    String preferredRegion,
    String groupKey) {

  public PlacementRequest {
    Objects.requireNonNull(requirement, "requirement");
    if (pieces < 1) {
      throw new IllegalArgumentException("pieces must be >= 1: " + pieces);
    }
    excludedNodeIds = Set.copyOf(Objects.requireNonNullElse(excludedNodeIds, Set.of()));
  }

  public static PlacementRequest of(Requirement requirement, int pieces) {
    return new PlacementRequest(requirement, pieces, Set.of(), null, null);
  }
}
