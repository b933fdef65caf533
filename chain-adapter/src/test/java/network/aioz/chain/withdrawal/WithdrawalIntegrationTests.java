package network.aioz.chain.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import network.aioz.chain.support.Api;
import network.aioz.chain.support.ChainAdapterIntegrationTest;
import network.aioz.chain.support.ChainEvents;
import network.aioz.chain.support.Keys;
import network.aioz.chain.support.TestChain;
import network.aioz.infra.Anvil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.Transaction;
import tools.jackson.databind.JsonNode;

/**
 * Billing's withdrawal requests are paid on a real chain exactly once, and answered once: the real
 * service against anvil, Kafka and PostgreSQL.
 */
@ChainAdapterIntegrationTest
class WithdrawalIntegrationTests {

  private static final String TOPIC = WithdrawalRequests.TOPIC;

  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  private final TestChain chain = TestChain.shared();

  @Test
  void aWithdrawalPaysExactlyItsAmountOnceAndIsConfirmedOnceWhateverIsRedelivered()
      throws Exception {
    UUID refund = UUID.randomUUID();
    String to = Keys.random().address();
    BigInteger amount = new BigInteger("1234567890123456789");
    String request =
        WithdrawalRequests.toChain(refund, to, amount, Instant.now().plusSeconds(3600));
    CloudEvent first = WithdrawalRequests.publish(TOPIC, refund.toString(), request);

    List<CloudEvent> answers =
        ChainEvents.keyed("chain.withdrawal", refund.toString(), found -> !found.isEmpty());
    assertThat(answers).hasSize(1);
    assertThat(answers.getFirst().getType()).isEqualTo("network.aioz.chain.WithdrawalConfirmed");
    JsonNode data = ChainEvents.data(answers.getFirst());
    assertThat(data.get("refundId").asString()).isEqualTo(refund.toString());
    String txHash = data.get("txHash").asString();
    assertThat(balance(to)).isEqualTo(amount);
    Transaction paid = chain.web3j().ethGetTransactionByHash(txHash).send().getTransaction().get();
    assertThat(paid.getFrom())
        .isEqualTo(Credentials.create(Anvil.DEV_PRIVATE_KEY).getAddress().toLowerCase());
    assertThat(paid.getTo()).isEqualTo(to.toLowerCase());
    assertThat(paid.getValue()).isEqualTo(amount);

    // the same event again, the same request under a new id, and one that contradicts it
    WithdrawalRequests.send(TOPIC, first);
    CloudEvent again = WithdrawalRequests.publish(TOPIC, refund.toString(), request);
    CloudEvent other =
        WithdrawalRequests.publish(
            TOPIC,
            refund.toString(),
            WithdrawalRequests.toChain(
                refund, to, amount.shiftLeft(1), Instant.now().plusSeconds(3600)));
    await().atMost(Duration.ofSeconds(15)).until(() -> processed(again) && processed(other));
    await().pollDelay(Duration.ofSeconds(1)).until(() -> true); // a few turns of the payer

    assertThat(balance(to)).isEqualTo(amount);
    assertThat(payoutTransactions(refund)).isEqualTo(1);
    assertThat(ChainEvents.keyed("chain.withdrawal", refund.toString(), found -> !found.isEmpty()))
        .hasSize(1);
    JsonNode view = Api.get(port, "/v1/chain/withdrawals/" + refund).body();
    assertThat(view.get("state").asString()).isEqualTo("paid");
    assertThat(view.get("txHash").asString()).isEqualTo(txHash);
    assertThat(view.get("amount").asString()).isEqualTo(amount.toString());
    assertThat(view.get("blockNumber").asLong()).isEqualTo(paid.getBlockNumber().longValueExact());
    assertThat(view.has("tenantId")).isFalse();
  }

  @Test
  void theDatabaseRefusesASecondLivePayoutForARefund() {
    UUID refund = UUID.randomUUID();
    String to = Keys.random().address();
    WithdrawalRequests.publish(
        TOPIC,
        refund.toString(),
        WithdrawalRequests.toChain(refund, to, BigInteger.TEN, Instant.now().plusSeconds(3600)));
    ChainEvents.keyed("chain.withdrawal", refund.toString(), found -> !found.isEmpty());

    assertThatThrownBy(
            () ->
                jdbc.update(
                    "insert into chain_tx (sender, nonce, attempt, purpose, reference, to_address,"
                        + " data, gas_limit, max_fee, max_priority_fee, raw, hash, created_at,"
                        + " value, state) select sender, nonce + 1000000, attempt, purpose,"
                        + " reference, to_address, data, gas_limit, max_fee, max_priority_fee,"
                        + " raw, hash || 'x', created_at, value, 'superseded' from chain_tx"
                        + " where reference = ?",
                    refund.toString()))
        .isInstanceOf(DuplicateKeyException.class);
  }

  @Test
  void anOnrampRefundIsLeftToTheProviderAndAMalformedRequestIsParked() {
    UUID refund = UUID.randomUUID();
    String onramp =
        "{\"refundId\":\""
            + refund
            + "\",\"tenantId\":\"t\",\"amount\":\"5\",\"destination\":{\"type\":\"onramp\","
            + "\"orderId\":\""
            + UUID.randomUUID()
            + "\",\"providerReference\":\"ord_1\"},\"expiresAt\":\""
            + Instant.now().plusSeconds(3600)
            + "\"}";
    WithdrawalRequests.publish(TOPIC, refund.toString(), onramp);
    // the same key, so the same partition: once these are parked, the one before was consumed
    WithdrawalRequests.publish(
        TOPIC,
        refund.toString(),
        WithdrawalRequests.toChain(refund, "0x1234", BigInteger.TEN, Instant.now()));
    WithdrawalRequests.publish(
        TOPIC,
        refund.toString(),
        WithdrawalRequests.toChain(
            refund, Keys.random().address(), BigInteger.ZERO, Instant.now().plusSeconds(3600)));

    List<CloudEvent> parked =
        ChainEvents.keyed(TOPIC + ".DLT", refund.toString(), found -> found.size() >= 2);
    assertThat(parked).hasSize(2);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from withdrawal where refund_id = ?", Integer.class, refund))
        .isZero();
    assertThat(payoutTransactions(refund)).isZero();
    assertThat(Api.get(port, "/v1/chain/withdrawals/" + refund).status()).isEqualTo(404);
  }

  @Test
  void aRequestThatExpiresBeforeItCouldBeMinedFailsWithoutATransaction() throws Exception {
    UUID refund = UUID.randomUUID();
    String to = Keys.random().address();
    // inside the ten minutes' margin: billing's hold could expire before the payout is mined
    WithdrawalRequests.publish(
        TOPIC,
        refund.toString(),
        WithdrawalRequests.toChain(refund, to, BigInteger.TEN, Instant.now().plusSeconds(300)));

    List<CloudEvent> answers =
        ChainEvents.keyed("chain.withdrawal", refund.toString(), found -> !found.isEmpty());
    assertThat(answers).hasSize(1);
    assertThat(answers.getFirst().getType()).isEqualTo("network.aioz.chain.WithdrawalFailed");
    JsonNode data = ChainEvents.data(answers.getFirst());
    assertThat(data.get("refundId").asString()).isEqualTo(refund.toString());
    assertThat(data.get("reason").asString()).isEqualTo("expired before it could be paid");
    assertThat(payoutTransactions(refund)).isZero();
    assertThat(balance(to)).isZero();
    JsonNode view = Api.get(port, "/v1/chain/withdrawals/" + refund).body();
    assertThat(view.get("state").asString()).isEqualTo("failed");
    assertThat(view.get("lastError").asString()).isEqualTo("expired before it could be paid");
  }

  private boolean processed(CloudEvent event) {
    return jdbc.queryForObject(
            "select count(*) from processed_event where consumer = ? and event_id = ?",
            Integer.class,
            WithdrawalListener.CONSUMER,
            event.getId())
        == 1;
  }

  private int payoutTransactions(UUID refund) {
    return jdbc.queryForObject(
        "select count(*) from chain_tx where purpose = 'withdrawal' and reference = ?",
        Integer.class,
        refund.toString());
  }

  private BigInteger balance(String address) throws Exception {
    return chain
        .web3j()
        .ethGetBalance(address, DefaultBlockParameterName.LATEST)
        .send()
        .getBalance();
  }
}
