package network.aioz.ledger.receipt;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * A sealed epoch: the keccak Merkle root over its receipts and what each node did in it, per kind
 * of work.
 *
 * @param root 0x-prefixed hex of the root
 */
public record SealedEpoch(
    long epoch,
    Instant startsAt,
    Instant endsAt,
    String root,
    int receiptCount,
    Instant sealedAt,
    List<NodeTotal> nodeTotals) {

  /** Tasks and units one node had proven in the epoch for one kind of work. */
  public record NodeTotal(String nodeAddress, String kind, long tasks, BigInteger units) {}
}
