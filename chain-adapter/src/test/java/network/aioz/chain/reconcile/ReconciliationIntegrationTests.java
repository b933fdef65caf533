package network.aioz.chain.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import network.aioz.chain.support.Api;
import network.aioz.chain.support.ChainAdapterIntegrationTest;
import network.aioz.chain.support.Deposits;
import network.aioz.chain.support.SealedEpochs;
import network.aioz.chain.support.Settlements;
import network.aioz.chain.support.TestChain;
import network.aioz.shared.merkle.Bytes32;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/** The chain compared with the adapter's records: agreement, then each kind of difference. */
@ChainAdapterIntegrationTest
class ReconciliationIntegrationTests {

  @Autowired JdbcTemplate jdbc;
  @Autowired Reconciler reconciler;
  @Autowired network.aioz.chain.deposit.DepositWatcher watcher;
  @LocalServerPort int port;

  private final TestChain chain = TestChain.shared();

  @Test
  void recordsThatAgreeWithTheChainGiveNoFindingAndEveryDifferenceIsReported() throws Exception {
    long epoch = SealedEpochs.next();
    SealedEpochs.epochSealed("ledger.epoch", epoch, null, SealedEpochs.root("r" + epoch), 4);
    SealedEpochs.rewardsSealed(
        "billing.reward", epoch, SealedEpochs.root("w" + epoch), 1, 1, 1, 1, 1);
    Settlements.awaitCommitted(jdbc, epoch);
    TransactionReceipt paid =
        Deposits.pay(chain, Bytes32.ofUuid(UUID.randomUUID()).toArray(), BigInteger.TWO);
    Deposits.awaitRecorded(jdbc, paid);

    Reconciler.Report clean = reconciler.run();
    assertThat(clean.findings())
        .noneMatch(f -> f.subject().equals("epoch " + epoch))
        .noneMatch(f -> f.subject().startsWith(paid.getTransactionHash()));
    assertThat(clean.epochs()).isPositive();
    assertThat(clean.deposits()).isPositive();

    // the records drift from the chain: each difference is a finding
    jdbc.update(
        "update settlement set commitment = ? where epoch = ?",
        SealedEpochs.root("tampered"),
        epoch);
    jdbc.update(
        "update chain_deposit set amount = amount + 1 where tx_hash = ?",
        paid.getTransactionHash());
    try {
      Reconciler.Report drifted = reconciler.run();
      assertThat(drifted.findings())
          .anySatisfy(
              f -> {
                assertThat(f.kind()).isEqualTo("commit-differs");
                assertThat(f.subject()).isEqualTo("epoch " + epoch);
              })
          .anySatisfy(
              f -> {
                assertThat(f.kind()).isEqualTo("deposit-differs");
                assertThat(f.subject()).startsWith(paid.getTransactionHash());
              });
      var report = Api.get(port, "/v1/chain/reconciliation");
      assertThat(report.status()).isEqualTo(200);
      assertThat(report.body().get("findings").size()).isEqualTo(drifted.findings().size());
    } finally {
      // put the records back for the tests that follow in this context
      String commitment =
          Numeric.toHexString(chain.registry().commitmentOf(BigInteger.valueOf(epoch)).send());
      jdbc.update("update settlement set commitment = ? where epoch = ?", commitment, epoch);
      jdbc.update(
          "update chain_deposit set amount = amount - 1 where tx_hash = ?",
          paid.getTransactionHash());
    }
  }

  @Test
  void aPayoutStillInFlightADayBeforeItsHoldExpiresIsReported() {
    UUID soon = UUID.randomUUID();
    UUID later = UUID.randomUUID();
    Instant now = Instant.now();
    for (var row :
        Map.of(soon, now.plusSeconds(3600), later, now.plusSeconds(3 * 86400)).entrySet()) {
      jdbc.update(
          "insert into withdrawal (refund_id, tenant_id, address, amount, expires_at, state,"
              + " tx_hash, requested_at, updated_at) values (?, 't', ?, 5, ?, 'sending', ?, ?, ?)",
          row.getKey(),
          "0x" + "1".repeat(40),
          Timestamp.from(row.getValue()),
          "0x" + "ab".repeat(32),
          Timestamp.from(now),
          Timestamp.from(now));
    }
    try {
      Reconciler.Report report = reconciler.run();
      assertThat(report.findings())
          .anySatisfy(
              f -> {
                assertThat(f.kind()).isEqualTo("withdrawal-in-flight-near-expiry");
                assertThat(f.subject()).isEqualTo("withdrawal " + soon);
                assertThat(f.detail()).contains("0x" + "ab".repeat(32));
              })
          .noneMatch(f -> f.subject().equals("withdrawal " + later));
    } finally {
      jdbc.update("delete from withdrawal where refund_id in (?, ?)", soon, later);
    }
  }
}
