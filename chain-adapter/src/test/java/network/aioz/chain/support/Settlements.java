package network.aioz.chain.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import network.aioz.chain.contracts.generated.SettlementRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.utils.Numeric;

/** Where epochs stand, in an adapter's database and on chain. */
public final class Settlements {

  private Settlements() {}

  /** The epoch's settlement state, null when the adapter has not heard of it. */
  public static String state(JdbcTemplate jdbc, long epoch) {
    return jdbc
        .query("select state from settlement where epoch = ?", (rs, i) -> rs.getString(1), epoch)
        .stream()
        .findFirst()
        .orElse(null);
  }

  public static void awaitState(JdbcTemplate jdbc, long epoch, String state, Duration within) {
    await()
        .atMost(within)
        .untilAsserted(
            () ->
                assertThat(state(jdbc, epoch))
                    .as(
                        "%s",
                        jdbc.queryForList(
                            "select epoch, state, last_error from settlement"
                                + " where state <> 'committed'"))
                    .isEqualTo(state));
  }

  public static void awaitCommitted(JdbcTemplate jdbc, long epoch) {
    awaitState(jdbc, epoch, "committed", Duration.ofSeconds(30));
  }

  /** How many EpochCommitted logs of {@code epoch} the chain holds. */
  public static int commitLogs(TestChain chain, long epoch) throws java.io.IOException {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.ZERO),
            DefaultBlockParameterName.LATEST,
            chain.deployed().registry());
    filter.addSingleTopic(EventEncoder.encode(SettlementRegistry.EPOCHCOMMITTED_EVENT));
    filter.addSingleTopic(Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(epoch), 64));
    return chain.web3j().ethGetLogs(filter).send().getLogs().size();
  }

  /** The adapter's transactions for the epoch's commit (every attempt). */
  public static int commitTransactions(JdbcTemplate jdbc, long epoch) {
    return jdbc.queryForObject(
        "select count(*) from chain_tx where purpose = 'settlement' and reference = ?",
        Integer.class,
        Long.toString(epoch));
  }

  /** Publishes both halves of an epoch to an adapter's topics. */
  public static void seal(String name, long epoch, Long previous) {
    SealedEpochs.epochSealed(
        Adapter.epochsTopic(name), epoch, previous, SealedEpochs.root("r" + epoch), 5);
    SealedEpochs.rewardsSealed(
        Adapter.rewardsTopic(name), epoch, SealedEpochs.root("w" + epoch), 10, 20, 30, 40, 5);
  }
}
