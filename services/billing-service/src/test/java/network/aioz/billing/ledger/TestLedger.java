package network.aioz.billing.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import network.aioz.infra.SharedInfra;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The ledger on its own database in the test JVM's shared PostgreSQL, migrated once. */
final class TestLedger {

  private static DataSource source;

  private TestLedger() {}

  static synchronized DataSource dataSource() {
    if (source == null) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(SharedInfra.database("billing_ledger") + "?reWriteBatchedInserts=true");
      config.setUsername(SharedInfra.postgres().username());
      config.setPassword(SharedInfra.postgres().password());
      config.setMaximumPoolSize(24);
      source = new HikariDataSource(config);
      Flyway.configure().dataSource(source).locations("classpath:db/billing").load().migrate();
    }
    return source;
  }

  static JdbcTemplate jdbc() {
    return new JdbcTemplate(dataSource());
  }

  static Ledger ledger(Clock clock) {
    return new Ledger(
        jdbc(), new TransactionTemplate(new DataSourceTransactionManager(dataSource())), clock);
  }

  static Accounts accounts() {
    return new Accounts(jdbc());
  }

  /** A new tenant account holding {@code amount}, topped up from the development source. */
  static String fundedTenant(Ledger ledger, BigInteger amount) {
    String account = accounts().openTenant("t-" + UUID.randomUUID());
    if (amount.signum() > 0) {
      List<TransferResult> results =
          ledger.submit(
              List.of(
                  TransferRequest.posted(
                      UUID.randomUUID(), Accounts.DEV_TOP_UP, account, amount, "top_up", null)));
      if (results.getFirst() != TransferResult.CREATED) {
        throw new IllegalStateException("top-up failed: " + results);
      }
    }
    return account;
  }
}
