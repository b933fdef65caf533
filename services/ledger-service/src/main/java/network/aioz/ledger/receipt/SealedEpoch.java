package network.aioz.ledger.receipt;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * A sealed epoch: the keccak Merkle root over its receipts, what each node proved in it per kind of
 * work, and per node what billing needs to reward it.
 *
 * @param root 0x-prefixed hex of the root
 * @param previousEpoch the sealed epoch before this one, null for the first: an epoch without
 *     receipts is never sealed, so numbers have gaps, and a consumer that must take every sealed
 *     epoch in order (the chain adapter) knows from this which one to wait for
 * @param nodeStats one entry per node active towards the epoch (see {@link NodeStats}), by address
 */
public record SealedEpoch(
    long epoch,
    Instant startsAt,
    Instant endsAt,
    String root,
    int receiptCount,
    Long previousEpoch,
    Instant sealedAt,
    List<NodeTotal> nodeTotals,
    List<NodeStats> nodeStats) {

  /** Tasks and units one node had proven in the epoch for one kind of work. */
  public record NodeTotal(String nodeAddress, String kind, long tasks, BigInteger units) {}

  /**
   * A node's activity towards the epoch. Task counts cover the epochs since the previous sealed one
   * (an epoch without receipts is never sealed, so its counts come with the next sealed epoch);
   * uptime covers this epoch only.
   *
   * @param tasksAssigned task attempts that ended on the node: proven, or failed (proof failed,
   *     deadline passed, gave up, withdrawn); attempts still open count when they end
   * @param tasksCompleted attempts that ended proven (each with its receipt)
   * @param faults failed proofs and audits of the node's work
   * @param uptimeSeconds whole seconds of the epoch between consecutive heartbeats at most {@code
   *     ledger.uptime.max-gap} apart
   * @param status the node's reputation status when the epoch was sealed (VETTING, ACTIVE,
   *     SUSPENDED, EJECTED)
   */
  public record NodeStats(
      String nodeAddress,
      long tasksAssigned,
      long tasksCompleted,
      long faults,
      long uptimeSeconds,
      String status) {}
}
