package network.aioz.billing.ledger;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

  @Bean
  Ledger ledger(
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      Clock clock,
      ObjectProvider<BalanceObserver> observers) {
    return new Ledger(jdbc, transactions, clock, observers.orderedStream().toList());
  }

  @Bean
  Accounts accounts(JdbcTemplate jdbc) {
    return new Accounts(jdbc);
  }

  @Bean
  HoldExpiry holdExpiry(Ledger ledger) {
    return new HoldExpiry(ledger);
  }

  /** Releases holds whose time ran out, a thousand at a time, every few seconds. */
  static class HoldExpiry {
    private final Ledger ledger;

    HoldExpiry(Ledger ledger) {
      this.ledger = ledger;
    }

    @Scheduled(fixedDelayString = "${billing.holds.sweep-interval:PT5S}")
    void sweep() {
      while (ledger.expireHolds(1000) == 1000) {
        // more are due
      }
    }
  }
}
