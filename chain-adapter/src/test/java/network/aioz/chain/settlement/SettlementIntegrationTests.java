package network.aioz.chain.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import network.aioz.chain.contracts.generated.SettlementRegistry;
import network.aioz.chain.support.Api;
import network.aioz.chain.support.ChainAdapterIntegrationTest;
import network.aioz.chain.support.ChainEvents;
import network.aioz.chain.support.SealedEpochs;
import network.aioz.chain.support.Settlements;
import network.aioz.chain.support.TestChain;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

/**
 * Sealed epochs reach the chain once, in order, chained, and are announced: the real service
 * against a real anvil, Kafka and PostgreSQL.
 */
@ChainAdapterIntegrationTest
class SettlementIntegrationTests {

  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  private final TestChain chain = TestChain.shared();

  @Test
  void anEpochIsCommittedOnceBothRootsAreKnownAndAnnouncedWithItsTransaction() throws Exception {
    long epoch = SealedEpochs.next();
    String receipts = SealedEpochs.root("receipts-" + epoch);
    String rewards = SealedEpochs.root("rewards-" + epoch);
    SealedEpochs.epochSealed("ledger.epoch", epoch, null, receipts, 3);
    // one half is not enough
    await()
        .pollDelay(Duration.ofMillis(600))
        .atMost(Duration.ofSeconds(15))
        .until(() -> state(epoch) != null);
    assertThat(state(epoch)).isEqualTo("waiting");

    SealedEpochs.rewardsSealed("billing.reward", epoch, rewards, 600, 250, 50, 80, 20);
    awaitCommitted(epoch);

    JsonNode view = Api.get(port, "/v1/chain/epochs/" + epoch).body();
    assertThat(view.get("receiptsRoot").asString()).isEqualTo(receipts);
    assertThat(view.get("rewardsRoot").asString()).isEqualTo(rewards);
    assertThat(view.get("fees").get("creators").asString()).isEqualTo("600");
    assertThat(view.get("chainId").asLong()).isEqualTo(TestChain.CHAIN_ID);
    String commitment = view.get("commitment").asString();
    SettlementRegistry registry = chain.registry();
    assertThat(Numeric.toHexString(registry.commitmentOf(BigInteger.valueOf(epoch)).send()))
        .isEqualTo(commitment);
    assertThat(Numeric.toHexString(registry.rewardsRootOf(BigInteger.valueOf(epoch)).send()))
        .isEqualTo(rewards);
    // the commitment is what anyone computes from the event's fields
    assertThat(commitment)
        .isEqualTo(
            Registry.commitment(
                epoch,
                receipts,
                rewards,
                new FeeTotals(
                    BigInteger.valueOf(600),
                    BigInteger.valueOf(250),
                    BigInteger.valueOf(50),
                    BigInteger.valueOf(80),
                    BigInteger.valueOf(20)),
                view.get("previousCommitment").asString()));

    List<CloudEvent> settled =
        ChainEvents.keyed("chain.settlement", Long.toString(epoch), events -> !events.isEmpty());
    assertThat(settled).hasSize(1);
    JsonNode data = ChainEvents.data(settled.getFirst());
    assertThat(settled.getFirst().getType()).isEqualTo("network.aioz.chain.EpochSettled");
    assertThat(data.get("txHash").asString()).isEqualTo(view.get("txHash").asString());
    assertThat(data.get("blockNumber").asLong()).isEqualTo(view.get("blockNumber").asLong());
    assertThat(data.get("commitment").asString()).isEqualTo(commitment);

    // redelivered and re-reported halves change nothing and send nothing
    SealedEpochs.epochSealed("ledger.epoch", epoch, null, receipts, 3);
    SealedEpochs.rewardsSealed("billing.reward", epoch, rewards, 600, 250, 50, 80, 20);
    Thread.sleep(1500);
    assertThat(commitLogs(epoch)).isEqualTo(1);
    assertThat(Settlements.commitTransactions(jdbc, epoch)).isEqualTo(1);
  }

  @Test
  void epochsSealedOutOfOrderAreCommittedInOrderAndChained() throws Exception {
    long first = SealedEpochs.next();
    long second = first + 3; // epochs without receipts are never sealed: numbers have gaps
    SealedEpochs.epochSealed("ledger.epoch", second, first, SealedEpochs.root("r" + second), 1);
    SealedEpochs.rewardsSealed(
        "billing.reward", second, SealedEpochs.root("w" + second), 0, 0, 0, 0, 0);
    await().atMost(Duration.ofSeconds(10)).until(() -> "ready".equals(state(second)));
    Thread.sleep(1000);
    assertThat(state(second)).as("waits for the epoch before it").isEqualTo("ready");

    SealedEpochs.epochSealed("ledger.epoch", first, null, SealedEpochs.root("r" + first), 1);
    SealedEpochs.rewardsSealed(
        "billing.reward", first, SealedEpochs.root("w" + first), 1, 2, 3, 4, 5);
    awaitCommitted(second);

    Map<String, Object> a = jdbc.queryForMap("select * from settlement where epoch = ?", first);
    Map<String, Object> b = jdbc.queryForMap("select * from settlement where epoch = ?", second);
    assertThat(b.get("previous_commitment")).isEqualTo(a.get("commitment"));
    assertThat((Long) b.get("block_number")).isGreaterThan((Long) a.get("block_number"));
  }

  @Test
  void malformedEventsAreParkedAndTheNextEpochIsStillCommitted() throws Exception {
    long epoch = SealedEpochs.next();
    SealedEpochs.publish("ledger.epoch", epoch, "network.aioz.ledger.EpochSealed", "not json");
    SealedEpochs.publish(
        "ledger.epoch",
        epoch,
        "network.aioz.ledger.EpochSealed",
        "{\"epoch\":" + epoch + ",\"root\":\"0x1234\"}");
    SealedEpochs.publish(
        "billing.reward",
        epoch,
        "network.aioz.billing.RewardsSealed",
        "{\"epoch\":"
            + epoch
            + ",\"root\":\""
            + SealedEpochs.root("x")
            + "\","
            + "\"fees\":{\"creators\":\"-1\",\"edges\":\"0\",\"validators\":\"0\","
            + "\"treasury\":\"0\",\"burned\":\"0\"}}");
    List<CloudEvent> parked =
        ChainEvents.keyed("ledger.epoch.DLT", Long.toString(epoch), events -> events.size() >= 2);
    assertThat(parked).hasSize(2);
    assertThat(ChainEvents.keyed("billing.reward.DLT", Long.toString(epoch), e -> !e.isEmpty()))
        .hasSize(1);
    assertThat(state(epoch)).isNull();

    SealedEpochs.epochSealed("ledger.epoch", epoch, null, SealedEpochs.root("r" + epoch), 2);
    SealedEpochs.rewardsSealed(
        "billing.reward", epoch, SealedEpochs.root("w" + epoch), 0, 0, 0, 0, 0);
    awaitCommitted(epoch);
  }

  @Test
  void aConflictingReportOfACommittedEpochChangesNothing() throws Exception {
    long epoch = SealedEpochs.next();
    String receipts = SealedEpochs.root("r" + epoch);
    SealedEpochs.epochSealed("ledger.epoch", epoch, null, receipts, 2);
    SealedEpochs.rewardsSealed(
        "billing.reward", epoch, SealedEpochs.root("w" + epoch), 0, 0, 0, 0, 0);
    awaitCommitted(epoch);

    SealedEpochs.epochSealed("ledger.epoch", epoch, null, SealedEpochs.root("forged"), 2);
    Thread.sleep(1000);
    assertThat(
            jdbc.queryForObject(
                "select receipts_root from settlement where epoch = ?", String.class, epoch))
        .isEqualTo(receipts);
    assertThat(commitLogs(epoch)).isEqualTo(1);
  }

  private String state(long epoch) {
    return Settlements.state(jdbc, epoch);
  }

  private void awaitCommitted(long epoch) {
    Settlements.awaitCommitted(jdbc, epoch);
  }

  private int commitLogs(long epoch) throws Exception {
    return Settlements.commitLogs(chain, epoch);
  }
}
