package network.aioz.chain.settlement;

import java.time.Instant;

/**
 * An epoch's settlement as the API shows it: what was committed and, once committed, where on chain
 * ({@code chainId}, {@code registry}, {@code txHash}, {@code blockNumber}).
 */
public record EpochView(
    long epoch,
    Long previousEpoch,
    String state,
    String receiptsRoot,
    Integer receiptCount,
    String rewardsRoot,
    FeeTotals.View fees,
    String previousCommitment,
    String commitment,
    Long chainId,
    String registry,
    String txHash,
    Long blockNumber,
    String blockHash,
    Instant committedAt,
    String lastError) {

  public boolean committed() {
    return "committed".equals(state);
  }
}
