package network.aioz.chain.support;

import java.math.BigInteger;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.JdbcTemplate;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Deposits made on a test chain, and waiting for the adapter to record them. */
public final class Deposits {

  private Deposits() {}

  /** A fresh, funded account deposits {@code amount} base units (native) for {@code tenant}. */
  public static TransactionReceipt pay(TestChain chain, byte[] tenant, BigInteger amount)
      throws Exception {
    Keys payer = Keys.random();
    chain.setBalance(payer.address(), BigInteger.TEN.pow(20).add(amount));
    return chain.deposits(payer.privateKey()).deposit(tenant, amount).send();
  }

  /** Waits until the adapter recorded the deposit made in {@code paid}. */
  public static void awaitRecorded(JdbcTemplate jdbc, TransactionReceipt paid) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from chain_deposit where tx_hash = ?",
                        Integer.class,
                        paid.getTransactionHash())
                    == 1);
  }
}
