package network.aioz.billing.reward;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * Billing's copy of the task ledger's {@code network.aioz.ledger.EpochSealed}, with the fields it
 * reads (unknown ones are ignored).
 */
public record EpochSealed(
    long epoch,
    Instant startsAt,
    Instant endsAt,
    String root,
    List<NodeTotal> nodeTotals,
    List<NodeStats> nodeStats) {

  static final String TOPIC = "ledger.epoch";
  static final String TYPE = "network.aioz.ledger.EpochSealed";

  public EpochSealed {
    nodeTotals = nodeTotals == null ? List.of() : List.copyOf(nodeTotals);
    nodeStats = nodeStats == null ? List.of() : List.copyOf(nodeStats);
  }

  /** Tasks and units one node had proven in the epoch for one kind of work. */
  public record NodeTotal(String nodeAddress, String kind, long tasks, BigInteger units) {}

  /** A node's task attempts, completions, faults, uptime and status towards the epoch. */
  public record NodeStats(
      String nodeAddress,
      long tasksAssigned,
      long tasksCompleted,
      long faults,
      long uptimeSeconds,
      String status) {}
}
