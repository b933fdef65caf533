package network.aioz.ledger.assignment;

/** Fewer eligible nodes than the pieces asked for: the caller should fail or retry later. */
public class InsufficientCapacityException extends RuntimeException {

  private final int requested;
  private final int eligible;

  public InsufficientCapacityException(int requested, int eligible, String groupKey) {
    super(
        "insufficient capacity"
            + (groupKey == null ? "" : " for " + groupKey)
            + ": "
            + requested
            + " distinct node(s) requested, "
            + eligible
            + " eligible");
    this.requested = requested;
    this.eligible = eligible;
  }

  public int requested() {
    return requested;
  }

  public int eligible() {
    return eligible;
  }
}
