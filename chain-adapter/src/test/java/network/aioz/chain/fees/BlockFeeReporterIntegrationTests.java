package network.aioz.chain.fees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import network.aioz.chain.cursor.BlockCursors;
import network.aioz.chain.node.ChainNode;
import network.aioz.chain.node.ChainSettings;
import network.aioz.chain.node.ChainUnavailableException;
import network.aioz.chain.support.ChainAdapterIntegrationTest;
import network.aioz.chain.support.ChainEvents;
import network.aioz.chain.support.Keys;
import network.aioz.chain.support.TestChain;
import network.aioz.chain.tx.SingleWriter;
import network.aioz.shared.merkle.Bytes32;
import network.aioz.shared.outbox.Outbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

/**
 * Every block of a real chain reaches billing's {@code chain.fees} once, with the fees its users
 * paid (base fee plus tip of each transaction) and its time, whatever the re-reads.
 */
@ChainAdapterIntegrationTest
class BlockFeeReporterIntegrationTests {

  private static final BigInteger GWEI = BigInteger.TEN.pow(9);

  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate tx;
  @Autowired Outbox outbox;
  @Autowired SingleWriter writer;
  @Autowired BlockCursors cursors;
  @Autowired ChainSettings settings;
  @Autowired BlockFeeReporter reporter;

  private final TestChain chain = TestChain.shared();
  private final Web3j web3j = chain.web3j();

  @Test
  void eachBlockIsReportedOnceWithWhatItsUsersPaid() throws Exception {
    Keys payer = Keys.random();
    chain.setBalance(payer.address(), BigInteger.TEN.pow(20));

    // a contract call, alone in its block (legacy transaction: its tip is gas price − base fee)
    TransactionReceipt deposit =
        chain
            .deposits(payer.privateKey())
            .deposit(Bytes32.ofUuid(UUID.randomUUID()).toArray(), BigInteger.TEN)
            .send();
    EthBlock.Block called = block(deposit.getBlockNumber().longValueExact());

    // two EIP-1559 transfers with different tips in one block
    BigInteger[] tips = {GWEI, GWEI.multiply(BigInteger.valueOf(3))};
    String sent;
    chain.automine(false);
    try {
      long nonce =
          web3j
              .ethGetTransactionCount(payer.address(), DefaultBlockParameterName.PENDING)
              .send()
              .getTransactionCount()
              .longValueExact();
      BigInteger maxFee = latestBaseFee().multiply(BigInteger.valueOf(3)).add(GWEI.shiftLeft(2));
      sent = send(payer, nonce, Keys.random().address(), tips[0], maxFee);
      send(payer, nonce + 1, Keys.random().address(), tips[1], maxFee);
      chain.mine();
    } finally {
      chain.automine(true);
    }
    EthBlock.Block transfers =
        block(
            await()
                .atMost(Duration.ofSeconds(10))
                .until(
                    () -> web3j.ethGetTransactionReceipt(sent).send().getTransactionReceipt(),
                    r -> r.isPresent())
                .orElseThrow()
                .getBlockNumber()
                .longValueExact());
    assertThat(transfers.getTransactions()).hasSize(2);
    BigInteger paidForTransfers =
        BigInteger.valueOf(21_000)
            .multiply(
                transfers.getBaseFeePerGas().multiply(BigInteger.TWO).add(tips[0]).add(tips[1]));
    assertThat(paidForTransfers).isPositive();

    // and a block without transactions
    chain.mine();
    EthBlock.Block empty = block(transfers.getNumber().longValueExact() + 1);
    assertThat(empty.getTransactions()).isEmpty();

    List<EthBlock.Block> blocks = List.of(called, transfers, empty);
    assertThat(feesFromReceipts(transfers)).isEqualTo(paidForTransfers);
    assertThat(feesFromReceipts(called))
        .isEqualTo(
            deposit.getGasUsed().multiply(Numeric.decodeQuantity(deposit.getEffectiveGasPrice())))
        .isPositive();
    for (EthBlock.Block block : blocks) {
      List<CloudEvent> reports = reportsOf(block);
      assertThat(reports).as("reports of block %s", block.getNumber()).hasSize(1);
      CloudEvent report = reports.getFirst();
      assertThat(report.getType()).isEqualTo("network.aioz.chain.BlockFeesReported");
      JsonNode data = ChainEvents.data(report);
      assertThat(data.get("chainId").asLong()).isEqualTo(TestChain.CHAIN_ID);
      assertThat(data.get("blockNumber").asLong()).isEqualTo(block.getNumber().longValueExact());
      assertThat(Instant.parse(data.get("blockTime").asString()))
          .isEqualTo(Instant.ofEpochSecond(block.getTimestamp().longValueExact()));
      assertThat(data.get("fees").isString()).isTrue();
      assertThat(data.get("fees").asString()).isEqualTo(feesFromReceipts(block).toString());
      assertThat(data.get("transactions").asInt()).isEqualTo(block.getTransactions().size());
    }
    assertThat(feesFromReceipts(empty)).isZero();

    // reading the same blocks again reports nothing twice
    jdbc.update("update chain_cursor set next_block = ? where name = 'fees'", called.getNumber());
    reporter.catchUp();
    assertThat(reporter.cursor()).isGreaterThan(empty.getNumber().longValueExact());
    for (EthBlock.Block block : blocks) {
      // what reaches Kafka is the outbox (each row at least once, deduplicated by event id)
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from event_outbox where topic = 'chain.fees' and message_key = ?",
                  Integer.class,
                  block.getNumber().toString()))
          .as("outbox events of block %s", block.getNumber())
          .isEqualTo(1);
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from chain_block_fee where chain_id = ? and block_number = ?",
                  Integer.class,
                  TestChain.CHAIN_ID,
                  block.getNumber().longValueExact()))
          .isEqualTo(1);
    }
  }

  @Test
  void anUnreachableNodeIsWaitedForNotReportedAsEmptyBlocks() {
    Web3j nowhere = Web3j.build(new HttpService("http://127.0.0.1:9"));
    try {
      BlockFeeReporter cut =
          new BlockFeeReporter(
              new ChainNode(nowhere, "http://127.0.0.1:9", TestChain.CHAIN_ID, Clock.systemUTC()),
              jdbc,
              tx,
              outbox,
              writer,
              cursors,
              Clock.systemUTC(),
              settings,
              true);
      assertThatThrownBy(cut::reportNext).isInstanceOf(ChainUnavailableException.class);
      assertThatCode(cut::turn).doesNotThrowAnyException();
    } finally {
      nowhere.shutdown();
    }
  }

  /** This chain's reports of the block: other adapters' chains share the topic and the numbers. */
  private List<CloudEvent> reportsOf(EthBlock.Block block) {
    String hash = block.getHash();
    return ChainEvents.keyed(
            "chain.fees",
            block.getNumber().toString(),
            found -> found.stream().anyMatch(e -> ofBlock(e, hash)))
        .stream()
        .filter(e -> ofBlock(e, hash))
        .toList();
  }

  private static boolean ofBlock(CloudEvent event, String hash) {
    JsonNode blockHash = ChainEvents.data(event).get("blockHash");
    return blockHash != null && hash.equalsIgnoreCase(blockHash.asString());
  }

  /** Σ gasUsed × effectiveGasPrice from each transaction's own receipt. */
  private BigInteger feesFromReceipts(EthBlock.Block block) throws Exception {
    BigInteger sum = BigInteger.ZERO;
    for (EthBlock.TransactionResult<?> result : block.getTransactions()) {
      TransactionReceipt receipt =
          web3j
              .ethGetTransactionReceipt((String) result.get())
              .send()
              .getTransactionReceipt()
              .orElseThrow();
      sum =
          sum.add(
              receipt
                  .getGasUsed()
                  .multiply(Numeric.decodeQuantity(receipt.getEffectiveGasPrice())));
    }
    return sum;
  }

  private String send(Keys from, long nonce, String to, BigInteger tip, BigInteger maxFee)
      throws Exception {
    RawTransaction transfer =
        RawTransaction.createEtherTransaction(
            TestChain.CHAIN_ID,
            BigInteger.valueOf(nonce),
            BigInteger.valueOf(21_000),
            to,
            BigInteger.ONE,
            tip,
            maxFee);
    byte[] signed = TransactionEncoder.signMessage(transfer, Credentials.create(from.privateKey()));
    var answer = web3j.ethSendRawTransaction(Numeric.toHexString(signed)).send();
    assertThat(answer.hasError()).as("%s", answer.getError()).isFalse();
    return answer.getTransactionHash();
  }

  private BigInteger latestBaseFee() throws Exception {
    return web3j
        .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
        .send()
        .getBlock()
        .getBaseFeePerGas();
  }

  private EthBlock.Block block(long number) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                web3j
                    .ethGetBlockByNumber(
                        DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)
                    .send()
                    .getBlock(),
            b -> b != null);
  }
}
