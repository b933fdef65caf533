package network.aioz.chain.node;

import java.math.BigInteger;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how the adapter settles. The committer key is a secret: it is read here and handed to
 * {@link CommitterKey}, never printed (this record's {@code toString} hides it).
 *
 * @param rpcUrl the chain node's JSON-RPC endpoint
 * @param chainId the chain the contracts live on (AIOZ mainnet 168, testnet 4102); a node that
 *     answers another id is refused
 * @param committerKey hex private key of the account holding COMMITTER_ROLE
 * @param contracts the deployed contracts' addresses
 * @param fees EIP-1559 fee caps and the replacement of stuck transactions
 * @param pollInterval how often receipts, logs and work are looked at
 * @param confirmations blocks a deposit log must have (1: its own block; CometBFT blocks are final)
 * @param logs where reading the contracts' logs starts (their deployment block) and how far one
 *     query reaches
 * @param settlement which epochs are settled
 * @param reconcileInterval how often the platform's records are compared with the chain
 * @param reconcileWindow how many blocks back from the head a reconciliation looks
 * @param ledgerUrl the task ledger, whose receipt proofs the verification API joins with commits
 * @param billingUrl billing, whose reward proofs the verification API joins with commits
 */
@ConfigurationProperties("chain")
public record ChainSettings(
    String rpcUrl,
    @DefaultValue("168") long chainId,
    String committerKey,
    @DefaultValue Contracts contracts,
    @DefaultValue Fees fees,
    @DefaultValue("PT2S") Duration pollInterval,
    @DefaultValue("1") int confirmations,
    @DefaultValue Logs logs,
    @DefaultValue Settlement settlement,
    @DefaultValue("PT10M") Duration reconcileInterval,
    @DefaultValue("100000") long reconcileWindow,
    @DefaultValue("http://localhost:8081") String ledgerUrl,
    @DefaultValue("http://localhost:8086") String billingUrl) {

  /** The contracts' addresses (0x, 20 bytes). */
  public record Contracts(String registry, String deposits, String rewards) {}

  /**
   * @param maxFeePerGas the most the adapter ever offers per gas, in wei
   * @param maxPriorityFeePerGas the most it ever tips per gas, in wei
   * @param replaceAfter a transaction not mined after this long is replaced with higher fees
   * @param bumpPercent how much a replacement raises both fees (nodes want at least 10 %)
   * @param gasMarginPercent added to the node's gas estimate
   */
  public record Fees(
      @DefaultValue("500000000000") BigInteger maxFeePerGas,
      @DefaultValue("10000000000") BigInteger maxPriorityFeePerGas,
      @DefaultValue("PT1M") Duration replaceAfter,
      @DefaultValue("20") int bumpPercent,
      @DefaultValue("25") int gasMarginPercent) {}

  /**
   * @param startBlock the first block with logs of the contracts (deposits before it do not count)
   * @param maxBlockRange the most blocks one log query covers
   */
  public record Logs(@DefaultValue("0") long startBlock, @DefaultValue("2000") int maxBlockRange) {}

  /**
   * @param startEpoch epochs below it are never committed (a registry that joins a running ledger)
   */
  public record Settlement(@DefaultValue("0") long startEpoch) {}

  @Override
  public String toString() {
    return "ChainSettings[rpcUrl="
        + rpcUrl
        + ", chainId="
        + chainId
        + ", committerKey=(hidden), contracts="
        + contracts
        + ", fees="
        + fees
        + "]";
  }
}
