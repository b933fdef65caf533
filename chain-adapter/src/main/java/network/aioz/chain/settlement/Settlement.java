package network.aioz.chain.settlement;

import java.time.Instant;

/**
 * One sealed epoch and where its commit stands.
 *
 * @param state {@code waiting} (a root is missing), {@code ready}, {@code sending} (a transaction
 *     is out), {@code committed}, or {@code blocked} (the chain would refuse it now; {@code
 *     lastError} says why; tried again)
 */
public record Settlement(
    long epoch,
    Long previousEpoch,
    String receiptsRoot,
    Integer receiptCount,
    String rewardsRoot,
    FeeTotals fees,
    String state,
    Long txId,
    String previousCommitment,
    String commitment,
    String txHash,
    Long blockNumber,
    String blockHash,
    Instant committedAt,
    String lastError,
    Instant updatedAt) {

  public boolean committed() {
    return "committed".equals(state);
  }
}
