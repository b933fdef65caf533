package network.aioz.chain.node;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The JSON-RPC calls the adapter makes, with the node's failures turned into {@link
 * ChainUnavailableException} (retry later) and reverts into {@link Revert}s. Every use first checks
 * that the node serves the configured chain (cached for a short while): a node on another chain is
 * never read from or sent to.
 */
public class ChainNode {

  private static final Duration CHAIN_CHECK_TTL = Duration.ofSeconds(30);

  private final Web3j web3j;

  /** The node as messages name it: scheme, host and port, never a path or query (API keys). */
  private final String shownAs;

  private final long chainId;
  private final Clock clock;
  private volatile Instant checkedAt = Instant.MIN;

  public ChainNode(Web3j web3j, String rpcUrl, long chainId, Clock clock) {
    this.web3j = web3j;
    this.shownAs = withoutSecrets(rpcUrl);
    this.chainId = chainId;
    this.clock = clock;
  }

  /** The configured chain id. */
  public long chainId() {
    return chainId;
  }

  /**
   * Hosted nodes carry their API key in the URL's path, query or user info; the status API and
   * errors show only where the node is.
   */
  static String withoutSecrets(String url) {
    try {
      URI uri = URI.create(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return "the configured node";
      }
      return uri.getScheme()
          + "://"
          + uri.getHost()
          + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    } catch (IllegalArgumentException e) {
      return "the configured node";
    }
  }

  /**
   * @throws WrongChainException when the node answers another chain id
   * @throws ChainUnavailableException when it cannot be asked
   */
  public void requireConfiguredChain() {
    Instant now = clock.instant();
    if (now.isBefore(checkedAt.plus(CHAIN_CHECK_TTL))) {
      return;
    }
    long served = send("eth_chainId", () -> web3j.ethChainId().send()).getChainId().longValue();
    if (served != chainId) {
      checkedAt = Instant.MIN;
      throw new WrongChainException(
          "the node at "
              + shownAs
              + " serves chain "
              + served
              + ", but chain.chain-id is "
              + chainId
              + ": nothing is read or sent until they agree");
    }
    checkedAt = now;
  }

  public long blockNumber() {
    requireConfiguredChain();
    return send("eth_blockNumber", () -> web3j.ethBlockNumber().send())
        .getBlockNumber()
        .longValueExact();
  }

  /** The block, or empty when the node does not have it. */
  public Optional<EthBlock.Block> block(long number) {
    requireConfiguredChain();
    return Optional.ofNullable(
        send(
                "eth_getBlockByNumber",
                () ->
                    web3j
                        .ethGetBlockByNumber(
                            DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)
                        .send())
            .getBlock());
  }

  /** The latest block's base fee per gas (zero on a chain without EIP-1559). */
  public BigInteger baseFee() {
    requireConfiguredChain();
    EthBlock.Block latest =
        send(
                "eth_getBlockByNumber",
                () -> web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send())
            .getBlock();
    if (latest == null || latest.getBaseFeePerGasRaw() == null) {
      return BigInteger.ZERO;
    }
    return latest.getBaseFeePerGas();
  }

  /** The node's suggested tip per gas. */
  public BigInteger suggestedPriorityFee() {
    requireConfiguredChain();
    return send("eth_maxPriorityFeePerGas", () -> web3j.ethMaxPriorityFeePerGas().send())
        .getMaxPriorityFeePerGas();
  }

  /** The account's next nonce counting mined transactions only ({@code latest}). */
  public long minedNonce(String address) {
    requireConfiguredChain();
    return send(
            "eth_getTransactionCount",
            () -> web3j.ethGetTransactionCount(address, DefaultBlockParameterName.LATEST).send())
        .getTransactionCount()
        .longValueExact();
  }

  /** The account's next nonce counting the node's pending transactions too. */
  public long pendingNonce(String address) {
    requireConfiguredChain();
    return send(
            "eth_getTransactionCount",
            () -> web3j.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING).send())
        .getTransactionCount()
        .longValueExact();
  }

  public BigInteger balance(String address) {
    requireConfiguredChain();
    return send(
            "eth_getBalance",
            () -> web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST).send())
        .getBalance();
  }

  /** What a call would use, or why it would revert. */
  public sealed interface Estimate {
    record Gas(long gas) implements Estimate {}

    record Reverts(Revert revert) implements Estimate {}
  }

  public Estimate estimateGas(String from, String to, byte[] data) {
    return estimateGas(from, to, BigInteger.ZERO, data);
  }

  /** What a call sending {@code value} wei would use, or why it would revert. */
  public Estimate estimateGas(String from, String to, BigInteger value, byte[] data) {
    requireConfiguredChain();
    Transaction call =
        value.signum() == 0
            ? Transaction.createEthCallTransaction(from, to, Numeric.toHexString(data))
            : Transaction.createFunctionCallTransaction(
                from, null, null, null, to, value, Numeric.toHexString(data));
    EthEstimateGas answer = call("eth_estimateGas", () -> web3j.ethEstimateGas(call).send());
    if (answer.hasError()) {
      if (isRevert(answer.getError())) {
        return new Estimate.Reverts(revertOf(answer.getError()));
      }
      throw new ChainUnavailableException(
          "eth_estimateGas failed at " + shownAs + ": " + answer.getError().getMessage());
    }
    return new Estimate.Gas(answer.getAmountUsed().longValueExact());
  }

  /**
   * An {@code eth_call} at {@code block} (null: latest).
   *
   * @throws RevertException when the call reverts
   */
  public byte[] call(String from, String to, byte[] data, Long block) {
    requireConfiguredChain();
    DefaultBlockParameter at =
        block == null
            ? DefaultBlockParameterName.LATEST
            : DefaultBlockParameter.valueOf(BigInteger.valueOf(block));
    EthCall answer =
        call(
            "eth_call",
            () ->
                web3j
                    .ethCall(
                        Transaction.createEthCallTransaction(from, to, Numeric.toHexString(data)),
                        at)
                    .send());
    if (answer.hasError()) {
      if (isRevert(answer.getError())) {
        throw new RevertException(revertOf(answer.getError()));
      }
      throw new ChainUnavailableException(
          "eth_call failed at " + shownAs + ": " + answer.getError().getMessage());
    }
    return Numeric.hexStringToByteArray(answer.getValue());
  }

  /** What the node said of a broadcast transaction. */
  public sealed interface Broadcast {
    /** Accepted into the node's pool (or already known to it). */
    record Accepted(String hash) implements Broadcast {}

    /** Refused, with the node's reason (insufficient funds, nonce too low, underpriced...). */
    record Refused(String reason) implements Broadcast {}
  }

  public Broadcast broadcast(byte[] signed) {
    requireConfiguredChain();
    EthSendTransaction answer =
        call(
            "eth_sendRawTransaction",
            () -> web3j.ethSendRawTransaction(Numeric.toHexString(signed)).send());
    if (answer.hasError()) {
      String reason = answer.getError().getMessage();
      String lower = reason == null ? "" : reason.toLowerCase(java.util.Locale.ROOT);
      // the same bytes sent again: geth says "already known", anvil "already imported"
      if (lower.contains("already known")
          || lower.contains("already imported")
          || lower.contains("known transaction")) {
        return new Broadcast.Accepted(null);
      }
      return new Broadcast.Refused(reason == null ? "refused" : reason);
    }
    return new Broadcast.Accepted(answer.getTransactionHash());
  }

  public Optional<TransactionReceipt> receipt(String hash) {
    requireConfiguredChain();
    return send("eth_getTransactionReceipt", () -> web3j.ethGetTransactionReceipt(hash).send())
        .getTransactionReceipt();
  }

  /**
   * Every receipt of block {@code number} in one call ({@code eth_getBlockReceipts}), or empty when
   * the node does not have the block.
   */
  public Optional<List<TransactionReceipt>> blockReceipts(long number) {
    requireConfiguredChain();
    return send(
            "eth_getBlockReceipts",
            () ->
                web3j
                    .ethGetBlockReceipts(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)))
                    .send())
        .getBlockReceipts();
  }

  /** Logs of {@code address} with {@code topic0} (and optionally {@code topic1}) in the range. */
  public List<Log> logs(String address, String topic0, String topic1, long from, long to) {
    requireConfiguredChain();
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
            DefaultBlockParameter.valueOf(BigInteger.valueOf(to)),
            address);
    filter.addSingleTopic(topic0);
    if (topic1 != null) {
      filter.addSingleTopic(topic1);
    }
    EthLog answer = send("eth_getLogs", () -> web3j.ethGetLogs(filter).send());
    return answer.getLogs().stream().map(r -> (Log) r.get()).toList();
  }

  private static boolean isRevert(Response.Error error) {
    String message = error.getMessage() == null ? "" : error.getMessage();
    return error.getData() != null || message.contains("revert");
  }

  private static Revert revertOf(Response.Error error) {
    String data = error.getData();
    if (data != null && data.startsWith("\"")) {
      data = data.substring(1, data.length() - 1);
    }
    return Revert.decode(data, error.getMessage());
  }

  private interface Rpc<T> {
    T send() throws IOException;
  }

  /** A call whose error answer the caller examines. */
  private <T extends Response<?>> T call(String method, Rpc<T> rpc) {
    try {
      return rpc.send();
    } catch (IOException | RuntimeException e) {
      throw new ChainUnavailableException(
          method + " at " + shownAs + " failed: " + e.getMessage(), e);
    }
  }

  /** A call whose error answer is a failure. */
  private <T extends Response<?>> T send(String method, Rpc<T> rpc) {
    T answer = call(method, rpc);
    if (answer.hasError()) {
      throw new ChainUnavailableException(
          method + " at " + shownAs + " answered: " + answer.getError().getMessage());
    }
    return answer;
  }
}
