package network.aioz.billing.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import network.aioz.billing.BillingIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Period closes with listeners of their own (a closer built here, not the context's). */
@BillingIntegrationTest
class PeriodCloseIntegrationTests {

  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;
  @Autowired Periods periods;
  @Autowired Charging charging;
  @Autowired MeteringSettings settings;
  @Autowired Clock clock;
  @Autowired Ingestion ingestion;

  private PeriodCloser closer(PeriodClosedListener listener) {
    return new PeriodCloser(
        jdbc,
        transactions,
        periods,
        charging,
        settings,
        new StaticListableBeanFactory(Map.of("listener", listener))
            .getBeanProvider(PeriodClosedListener.class),
        clock);
  }

  private String status(String period) {
    return jdbc.queryForObject(
        "select status from billing_period where id = ?", String.class, period);
  }

  @Test
  void listenersRunOnceInsideTheCloseAndTheirFailureLeavesThePeriodUnclosed() {
    Instant at = UsageEventFixtures.ownMonth();
    String period = UsageEventFixtures.monthId(at);
    String tenant = "t-" + UUID.randomUUID();
    ingestion.record(
        UsageEventFixtures.poll(UsageEventFixtures.usage(tenant, "ai", "request", "1000", at)));

    assertThatThrownBy(
            () ->
                closer(
                        close -> {
                          throw new IllegalStateException("supply report failed");
                        })
                    .closePeriod(period))
        .hasMessageContaining("supply report failed");
    assertThat(status(period)).as("closing: no usage accepted, not closed").isEqualTo("closing");

    List<PeriodClose> seen = new CopyOnWriteArrayList<>();
    List<Boolean> inTransaction = new CopyOnWriteArrayList<>();
    PeriodCloser closer =
        closer(
            close -> {
              seen.add(close);
              inTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
            });
    PeriodClose close = closer.closePeriod(period);
    assertThat(closer.closePeriod(period)).isEqualTo(close);
    assertThat(seen).containsExactly(close);
    assertThat(inTransaction).containsExactly(true);
    assertThat(status(period)).isEqualTo("closed");
    assertThat(close.due())
        .as("1,000 requests at 0.0004 AIOZ per 1,000")
        .isEqualTo(new java.math.BigInteger("400000000000000"));
    assertThat(close.owed()).isEqualTo(close.due());
    assertThatThrownBy(() -> closer.closePeriod("2026-13"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
