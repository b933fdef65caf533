package network.aioz.chain.deposit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import java.math.BigInteger;
import java.util.List;
import java.util.UUID;
import network.aioz.chain.support.ChainAdapterIntegrationTest;
import network.aioz.chain.support.ChainEvents;
import network.aioz.chain.support.Deposits;
import network.aioz.chain.support.Keys;
import network.aioz.chain.support.TestChain;
import network.aioz.shared.merkle.Bytes32;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import tools.jackson.databind.JsonNode;

/**
 * Deposits made on a real chain reach billing's topic once each, in billing's contract, and a
 * deposit for no tenant is kept, not reported.
 */
@ChainAdapterIntegrationTest
class DepositIntegrationTests {

  @Autowired JdbcTemplate jdbc;
  @Autowired DepositWatcher watcher;

  private final TestChain chain = TestChain.shared();

  @Test
  void aDepositIsReportedOnceWithEverythingBillingNeeds() throws Exception {
    UUID tenant = UUID.randomUUID();
    Keys payer = Keys.random();
    chain.setBalance(payer.address(), BigInteger.TEN.pow(20));
    BigInteger amount = new BigInteger("2500000000000000001");
    TransactionReceipt paid =
        chain.deposits(payer.privateKey()).deposit(Bytes32.ofUuid(tenant).toArray(), amount).send();

    List<CloudEvent> events =
        ChainEvents.keyed("chain.deposit", tenant.toString(), found -> !found.isEmpty());
    assertThat(events).hasSize(1);
    CloudEvent event = events.getFirst();
    assertThat(event.getType()).isEqualTo("network.aioz.chain.DepositConfirmed");
    JsonNode data = ChainEvents.data(event);
    assertThat(data.get("chainId").asLong()).isEqualTo(TestChain.CHAIN_ID);
    assertThat(data.get("txHash").asString()).isEqualTo(paid.getTransactionHash());
    assertThat(data.get("logIndex").isIntegralNumber()).isTrue();
    assertThat(data.get("blockNumber").asLong()).isEqualTo(paid.getBlockNumber().longValueExact());
    assertThat(data.get("blockHash").asString()).isEqualTo(paid.getBlockHash());
    assertThat(data.get("from").asString()).isEqualTo(payer.address());
    assertThat(data.get("tenantId").asString()).isEqualTo(tenant.toString());
    assertThat(data.get("amount").isString()).isTrue();
    assertThat(data.get("amount").asString()).isEqualTo(amount.toString());
    assertThat(data.get("confirmations").asLong()).isGreaterThanOrEqualTo(1);

    // reading the same blocks again reports nothing twice
    jdbc.update(
        "update chain_cursor set next_block = ? where name = 'deposits'",
        chain.deployed().startBlock());
    watcher.catchUp();
    assertThat(ChainEvents.keyed("chain.deposit", tenant.toString(), found -> !found.isEmpty()))
        .hasSize(1);
  }

  @Test
  void aDepositForNoTenantIsKeptForARefundAndNotReported() throws Exception {
    byte[] notATenant = new byte[32];
    java.util.Arrays.fill(notATenant, (byte) 0x7f);
    TransactionReceipt paid = Deposits.pay(chain, notATenant, BigInteger.TEN);

    Deposits.awaitRecorded(jdbc, paid);
    assertThat(
            jdbc.queryForObject(
                "select tenant_id from chain_deposit where tx_hash = ?",
                String.class,
                paid.getTransactionHash()))
        .isNull();
  }

  @Test
  void tenantIdsTravelAsBytes32LikeTaskIds() {
    UUID tenant = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    byte[] value = Bytes32.ofUuid(tenant).toArray();
    assertThat(org.web3j.utils.Numeric.toHexString(value))
        .isEqualTo("0x00000000000000000000000000000000123e4567e89b12d3a456426614174000");
    assertThat(Bytes32.of(value).toUuid()).contains(tenant);
    value[0] = 1;
    assertThat(Bytes32.of(value).toUuid()).isEmpty();
  }
}
