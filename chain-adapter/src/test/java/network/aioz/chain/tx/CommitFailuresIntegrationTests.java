package network.aioz.chain.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import network.aioz.chain.support.Adapter;
import network.aioz.chain.support.Api;
import network.aioz.chain.support.Keys;
import network.aioz.chain.support.SealedEpochs;
import network.aioz.chain.support.Settlements;
import network.aioz.chain.support.TestChain;
import network.aioz.infra.Anvil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What goes wrong between the adapter and the chain, on a real anvil: a process stopped between
 * sending and the receipt, a node that lost or sat on the transaction, a node restarted mid-run, a
 * node on another chain, a committer without funds or without the role. In every case the epoch is
 * committed exactly once, or not at all with a clear reason, and nothing is skipped.
 */
class CommitFailuresIntegrationTests {

  private static TestChain chain;
  private Adapter adapter;

  @BeforeAll
  static void startChain() {
    chain = TestChain.start();
  }

  @AfterAll
  static void stopChain() {
    chain.close();
  }

  @AfterEach
  void stopAdapter() {
    if (adapter != null) {
      adapter.close();
    }
    chain.automine(true);
  }

  @Test
  void anAdapterStoppedBetweenSendingAndTheReceiptCommitsOnceAfterItsRestart() throws Exception {
    chain.automine(false);
    adapter = Adapter.of("crash", chain, Anvil.DEV_PRIVATE_KEY, Map.of()).start();
    JdbcTemplate jdbc = adapter.jdbc();
    long epoch = SealedEpochs.next();
    Settlements.seal("crash", epoch, null);
    awaitBroadcast(jdbc, epoch);
    adapter.stop();

    chain.mine();
    adapter.start();
    Settlements.awaitCommitted(jdbc, epoch);
    assertThat(Settlements.commitLogs(chain, epoch)).isEqualTo(1);
    assertThat(Settlements.commitTransactions(jdbc, epoch)).isEqualTo(1);
  }

  @Test
  void aTransactionTheNodeLostIsSentAgainAsTheSameBytes() throws Exception {
    chain.automine(false);
    adapter = Adapter.of("lost", chain, Anvil.DEV_PRIVATE_KEY, Map.of()).start();
    JdbcTemplate jdbc = adapter.jdbc();
    long epoch = SealedEpochs.next();
    Settlements.seal("lost", epoch, null);
    String hash = awaitBroadcast(jdbc, epoch);
    adapter.stop();
    chain.anvil().rpc("anvil_dropAllTransactions", "[]");
    chain.automine(true);

    adapter.start();
    Settlements.awaitCommitted(jdbc, epoch);
    assertThat(
            jdbc.queryForObject(
                "select tx_hash from settlement where epoch = ?", String.class, epoch))
        .isEqualTo(hash);
    assertThat(Settlements.commitTransactions(jdbc, epoch)).isEqualTo(1);
    assertThat(Settlements.commitLogs(chain, epoch)).isEqualTo(1);
  }

  @Test
  void aStuckTransactionIsReplacedWithHigherFeesAndOnlyOneAttemptIsMined() throws Exception {
    chain.automine(false);
    adapter =
        Adapter.of(
                "stuck",
                chain,
                Anvil.DEV_PRIVATE_KEY,
                Map.of("chain.fees.max-priority-fee-per-gas", "1000000000000"))
            .start();
    JdbcTemplate jdbc = adapter.jdbc();
    long epoch = SealedEpochs.next();
    Settlements.seal("stuck", epoch, null);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Settlements.commitTransactions(jdbc, epoch) >= 2);
    chain.mine();

    Settlements.awaitCommitted(jdbc, epoch);
    List<Map<String, Object>> attempts =
        jdbc.queryForList(
            "select attempt, state, max_fee, max_priority_fee from chain_tx where reference = ?"
                + " order by attempt",
            Long.toString(epoch));
    assertThat(attempts.stream().filter(a -> a.get("state").equals("mined"))).hasSize(1);
    assertThat(attempts.stream().map(a -> a.get("state")))
        .allMatch(s -> s.equals("mined") || s.equals("superseded"));
    BigInteger first = ((java.math.BigDecimal) attempts.get(0).get("max_fee")).toBigInteger();
    BigInteger second = ((java.math.BigDecimal) attempts.get(1).get("max_fee")).toBigInteger();
    assertThat(second)
        .isGreaterThanOrEqualTo(
            first.multiply(BigInteger.valueOf(110)).divide(BigInteger.valueOf(100)));
    assertThat(Settlements.commitLogs(chain, epoch)).isEqualTo(1);
  }

  @Test
  void aNodeOnAnotherChainIsRefusedAndNothingIsSent() throws Exception {
    adapter =
        Adapter.of("wrongchain", chain, Anvil.DEV_PRIVATE_KEY, Map.of("chain.chain-id", 4102))
            .start();
    JdbcTemplate jdbc = adapter.jdbc();
    long epoch = SealedEpochs.next();
    Settlements.seal("wrongchain", epoch, null);
    Settlements.awaitState(jdbc, epoch, "ready", Duration.ofSeconds(15));
    Thread.sleep(1500);

    assertThat(Settlements.state(jdbc, epoch)).isEqualTo("ready");
    assertThat(Settlements.commitTransactions(jdbc, epoch)).isZero();
    var health = adapter.health().health();
    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails().get("reason").toString())
        .contains("serves chain 31337", "chain.chain-id is 4102");
    assertThat(Api.get(adapter.port(), "/v1/chain/status").body().get("node").asString())
        .contains("serves chain 31337");
  }

  @Test
  void anUnfundedCommitterIsToldWhyAndCommitsOnceFunded() throws Exception {
    Keys committer = Keys.random();
    chain.grantCommitter(committer.address());
    adapter = Adapter.of("unfunded", chain, committer.privateKey(), Map.of()).start();
    JdbcTemplate jdbc = adapter.jdbc();
    long epoch = SealedEpochs.next();
    Settlements.seal("unfunded", epoch, null);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.queryForList(
                            "select last_error from chain_tx where reference = ?",
                            String.class,
                            Long.toString(epoch)))
                    .anySatisfy(
                        error -> assertThat(error).containsIgnoringCase("insufficient funds")));
    assertThat(Settlements.commitLogs(chain, epoch)).isZero();

    chain.setBalance(committer.address(), BigInteger.TEN.pow(18));
    Settlements.awaitCommitted(jdbc, epoch);
    assertThat(Settlements.commitTransactions(jdbc, epoch)).isEqualTo(1);
    assertThat(Settlements.commitLogs(chain, epoch)).isEqualTo(1);
  }

  @Test
  void aCommitterWithoutTheRoleIsBlockedWithTheReasonUntilGranted() throws Exception {
    Keys committer = Keys.random();
    chain.setBalance(committer.address(), BigInteger.TEN.pow(18));
    adapter = Adapter.of("norole", chain, committer.privateKey(), Map.of()).start();
    JdbcTemplate jdbc = adapter.jdbc();
    long epoch = SealedEpochs.next();
    Settlements.seal("norole", epoch, null);
    Settlements.awaitState(jdbc, epoch, "blocked", Duration.ofSeconds(15));
    assertThat(
            jdbc.queryForObject(
                "select last_error from settlement where epoch = ?", String.class, epoch))
        .contains("lacks COMMITTER_ROLE");
    assertThat(Settlements.commitTransactions(jdbc, epoch)).isZero();

    chain.grantCommitter(committer.address());
    Settlements.awaitCommitted(jdbc, epoch);
    assertThat(Settlements.commitLogs(chain, epoch)).isEqualTo(1);
  }

  @Test
  void theChainNodeRestartedMidRunTheAdapterResumes() throws Exception {
    Path state = Files.createTempFile("anvil-state", ".json");
    Files.delete(state);
    try (TestChain restartable = TestChain.restartable(state);
        Adapter own = Adapter.of("restart", restartable, Anvil.DEV_PRIVATE_KEY, Map.of()).start()) {
      JdbcTemplate jdbc = own.jdbc();
      long first = SealedEpochs.next();
      Settlements.seal("restart", first, null);
      Settlements.awaitCommitted(jdbc, first);

      restartable.stopNode();
      long second = SealedEpochs.next();
      Settlements.seal("restart", second, first);
      Settlements.awaitState(jdbc, second, "ready", Duration.ofSeconds(15));
      Thread.sleep(1000);
      assertThat(Settlements.state(jdbc, second)).isEqualTo("ready");

      restartable.startNode();
      Settlements.awaitCommitted(jdbc, second);
      assertThat(Settlements.commitLogs(restartable, first)).isEqualTo(1);
      assertThat(Settlements.commitLogs(restartable, second)).isEqualTo(1);
      assertThat(
              jdbc.queryForObject(
                  "select previous_commitment from settlement where epoch = ?",
                  String.class,
                  second))
          .isEqualTo(
              jdbc.queryForObject(
                  "select commitment from settlement where epoch = ?", String.class, first));
    } finally {
      Files.deleteIfExists(state);
    }
  }

  /** Waits until the epoch's commit was broadcast; its hash. */
  private static String awaitBroadcast(JdbcTemplate jdbc, long epoch) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from chain_tx where reference = ? and broadcast_at is not null",
                        Integer.class,
                        Long.toString(epoch))
                    > 0);
    return jdbc.queryForObject(
        "select hash from chain_tx where reference = ? and attempt = 0",
        String.class,
        Long.toString(epoch));
  }
}
