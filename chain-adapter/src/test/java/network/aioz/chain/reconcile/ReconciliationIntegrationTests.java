package network.aioz.chain.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.UUID;
import network.aioz.chain.deposit.TenantIds;
import network.aioz.chain.support.Api;
import network.aioz.chain.support.ChainAdapterIntegrationTest;
import network.aioz.chain.support.Deposits;
import network.aioz.chain.support.SealedEpochs;
import network.aioz.chain.support.Settlements;
import network.aioz.chain.support.TestChain;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

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
        Deposits.pay(chain, TenantIds.toBytes32(UUID.randomUUID()), BigInteger.TWO);
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
          org.web3j.utils.Numeric.toHexString(
              chain.registry().commitmentOf(BigInteger.valueOf(epoch)).send());
      jdbc.update("update settlement set commitment = ? where epoch = ?", commitment, epoch);
      jdbc.update(
          "update chain_deposit set amount = amount - 1 where tx_hash = ?",
          paid.getTransactionHash());
    }
  }
}
