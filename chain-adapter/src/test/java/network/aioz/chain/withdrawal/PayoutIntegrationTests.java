package network.aioz.chain.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import network.aioz.chain.support.Adapter;
import network.aioz.chain.support.Api;
import network.aioz.chain.support.ChainEvents;
import network.aioz.chain.support.Keys;
import network.aioz.chain.support.TestChain;
import network.aioz.infra.Anvil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.web3j.protocol.core.DefaultBlockParameterName;
import tools.jackson.databind.JsonNode;

/**
 * Payouts when the chain does not simply take them: an account that cannot pay yet, a payout stuck
 * in the pool. Each test runs an adapter process of its own, on a chain of the class's own.
 */
class PayoutIntegrationTests {

  private static TestChain chain;

  @BeforeAll
  static void startChain() {
    chain = TestChain.start();
  }

  @AfterAll
  static void stopChain() {
    chain.close();
  }

  @AfterEach
  void automine() {
    chain.automine(true);
  }

  @Test
  void aPayoutWaitsWithTheReasonUntilTheAccountIsFundedThenPaysOnce() throws Exception {
    String name = "wd" + Long.toHexString(System.nanoTime());
    String topic = WithdrawalRequests.TOPIC + "." + name;
    Keys payer = Keys.random();
    try (Adapter adapter =
        Adapter.of(name, chain, payer.privateKey(), Map.of("chain.topics.withdrawals", topic))
            .start()) {
      UUID refund = UUID.randomUUID();
      String to = Keys.random().address();
      BigInteger amount = BigInteger.TEN.pow(18);
      WithdrawalRequests.publish(
          topic,
          refund.toString(),
          WithdrawalRequests.toChain(refund, to, amount, Instant.now().plusSeconds(3600)));

      String path = "/v1/chain/withdrawals/" + refund;
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                JsonNode view = Api.get(adapter.port(), path).body();
                return view.path("lastError").isString();
              });
      JsonNode waiting = Api.get(adapter.port(), path).body();
      assertThat(waiting.get("state").asString()).isEqualTo("requested");
      assertThat(waiting.get("lastError").asString())
          .startsWith("the payout account lacks funds: has 0, needs ");
      BigInteger needs =
          new BigInteger(waiting.get("lastError").asString().replaceAll(".*needs ", ""));
      assertThat(needs).isGreaterThan(amount);
      assertThat(balance(to)).isZero();

      chain.setBalance(payer.address(), BigInteger.TEN.pow(19));
      List<CloudEvent> answers =
          ChainEvents.keyed("chain.withdrawal", refund.toString(), found -> !found.isEmpty());
      assertThat(answers).hasSize(1);
      assertThat(answers.getFirst().getType()).isEqualTo("network.aioz.chain.WithdrawalConfirmed");
      assertThat(balance(to)).isEqualTo(amount);
      JsonNode paid = Api.get(adapter.port(), path).body();
      assertThat(paid.get("state").asString()).isEqualTo("paid");
      assertThat(paid.get("txHash").asString())
          .isEqualTo(ChainEvents.data(answers.getFirst()).get("txHash").asString());
      assertThat(paid.get("lastError").isNull()).isTrue();
    }
  }

  @Test
  void aStuckPayoutIsReplacedWithTheSameValueAndPaysOnce() throws Exception {
    String name = "wdstuck" + Long.toHexString(System.nanoTime());
    String topic = WithdrawalRequests.TOPIC + "." + name;
    try (Adapter adapter =
        Adapter.of(
                name,
                chain,
                Anvil.DEV_PRIVATE_KEY,
                Map.of(
                    "chain.topics.withdrawals",
                    topic,
                    "chain.fees.max-priority-fee-per-gas",
                    "1000000000000"))
            .start()) {
      chain.automine(false);
      UUID refund = UUID.randomUUID();
      String to = Keys.random().address();
      BigInteger amount = new BigInteger("777000000000000001");
      WithdrawalRequests.publish(
          topic,
          refund.toString(),
          WithdrawalRequests.toChain(refund, to, amount, Instant.now().plusSeconds(3600)));
      JdbcTemplate jdbc = adapter.jdbc();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  jdbc.queryForObject(
                          "select count(*) from chain_tx where reference = ?",
                          Integer.class,
                          refund.toString())
                      >= 2);
      chain.mine();
      chain.automine(true);

      List<CloudEvent> answers =
          ChainEvents.keyed("chain.withdrawal", refund.toString(), found -> !found.isEmpty());
      assertThat(answers).hasSize(1);
      assertThat(balance(to)).isEqualTo(amount);
      List<Map<String, Object>> attempts =
          jdbc.queryForList(
              "select attempt, state, value, hash from chain_tx where reference = ?"
                  + " order by attempt",
              refund.toString());
      assertThat(attempts)
          .allMatch(a -> ((BigDecimal) a.get("value")).toBigInteger().equals(amount));
      assertThat(attempts.stream().filter(a -> a.get("state").equals("mined"))).hasSize(1);
      assertThat(attempts.stream().map(a -> a.get("state")))
          .allMatch(s -> s.equals("mined") || s.equals("superseded"));
      String mined =
          attempts.stream()
              .filter(a -> a.get("state").equals("mined"))
              .findFirst()
              .orElseThrow()
              .get("hash")
              .toString();
      assertThat(ChainEvents.data(answers.getFirst()).get("txHash").asString()).isEqualTo(mined);
    }
  }

  private static BigInteger balance(String address) throws Exception {
    return chain
        .web3j()
        .ethGetBalance(address, DefaultBlockParameterName.LATEST)
        .send()
        .getBalance();
  }
}
