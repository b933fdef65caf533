package network.aioz.billing.metering;

import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Closes billing periods: marks the period closing (usage for it is refused from then on, as late),
 * runs its final charge, then marks it closed with its totals and calls the {@link
 * PeriodClosedListener}s in that transaction. A second close answers the stored totals. A scheduled
 * closer closes periods whose end plus {@code billing.periods.grace} has passed.
 */
@Component
public class PeriodCloser {

  private static final Logger log = LoggerFactory.getLogger(PeriodCloser.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Periods periods;
  private final Charging charging;
  private final MeteringSettings settings;
  private final ObjectProvider<PeriodClosedListener> listeners;
  private final Clock clock;

  PeriodCloser(
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      Periods periods,
      Charging charging,
      MeteringSettings settings,
      ObjectProvider<PeriodClosedListener> listeners,
      Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.periods = periods;
    this.charging = charging;
    this.settings = settings;
    this.listeners = listeners;
    this.clock = clock;
  }

  /**
   * Closes {@code periodId} (idempotent: a closed period answers its stored totals).
   *
   * @throws IllegalArgumentException when {@code periodId} is no period id
   */
  public PeriodClose closePeriod(String periodId) {
    PeriodLength.Span span =
        periods
            .byId(periodId)
            .orElseThrow(() -> new IllegalArgumentException("no such period: " + periodId));
    PeriodClose stored =
        transactions.execute(
            status -> {
              periods.create(span);
              String current = lock(periodId);
              if (Periods.CLOSED.equals(current)) {
                return stored(periodId);
              }
              jdbc.update("update billing_period set status = 'closing' where id = ?", periodId);
              return null;
            });
    if (stored != null) {
      return stored;
    }
    charging.runPeriod(periodId);
    return transactions.execute(
        status -> {
          if (Periods.CLOSED.equals(lock(periodId))) {
            return stored(periodId);
          }
          PeriodClose close = totals(span, clock.instant());
          jdbc.update(
              "update billing_period set status = 'closed', closed_at = ?, totals = ?::jsonb"
                  + " where id = ?",
              Timestamp.from(close.closedAt()),
              JSON.writeValueAsString(close),
              periodId);
          listeners.orderedStream().forEach(l -> l.closed(close));
          return close;
        });
  }

  /** The id of the billing period containing {@code at}. */
  public String periodIdAt(Instant at) {
    return periods.containing(at).id();
  }

  /** Closes every period whose grace has run out. */
  @Scheduled(
      fixedDelayString = "${billing.periods.close-check-interval:PT1M}",
      initialDelayString = "${billing.periods.close-check-interval:PT1M}")
  void closeDue() {
    if (!settings.autoClose()) {
      return;
    }
    Instant due = clock.instant().minus(settings.grace());
    List<String> ids =
        jdbc.queryForList(
            "select id from billing_period where status <> 'closed' and ends_at <= ?"
                + " order by ends_at",
            String.class,
            Timestamp.from(due));
    for (String id : ids) {
      try {
        PeriodClose close = closePeriod(id);
        log.info(
            "closed billing period {}: charged {}, owed {}", id, close.charged(), close.owed());
      } catch (RuntimeException e) {
        log.warn(
            "closing billing period {} failed; retried at the next check: {}", id, e.toString());
      }
    }
  }

  private String lock(String periodId) {
    return jdbc.queryForObject(
        "select status from billing_period where id = ? for update", String.class, periodId);
  }

  private PeriodClose stored(String periodId) {
    String json =
        jdbc.queryForObject(
            "select totals::text from billing_period where id = ?", String.class, periodId);
    return JSON.readValue(json, PeriodClose.class);
  }

  private PeriodClose totals(PeriodLength.Span span, Instant now) {
    Map<String, BigInteger> byService = new TreeMap<>();
    BigInteger[] sums = {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
    BigInteger[] dueCharged = {BigInteger.ZERO, BigInteger.ZERO};
    jdbc.query(
        "select service, sum(due), sum(charged), sum(paid_creator), sum(paid_edges),"
            + " sum(paid_validators), sum(paid_treasury) from metering_usage where period_id = ?"
            + " group by service",
        rs -> {
          BigInteger charged = rs.getBigDecimal(3).toBigIntegerExact();
          byService.put(rs.getString(1), charged);
          dueCharged[0] = dueCharged[0].add(rs.getBigDecimal(2).toBigIntegerExact());
          dueCharged[1] = dueCharged[1].add(charged);
          for (int i = 0; i < 4; i++) {
            sums[i] = sums[i].add(rs.getBigDecimal(4 + i).toBigIntegerExact());
          }
        },
        span.id());
    Map<String, BigInteger> byParty = new TreeMap<>();
    byParty.put("creator", sums[0]);
    byParty.put("edges", sums[1]);
    byParty.put("validators", sums[2]);
    byParty.put("treasury", sums[3]);
    return new PeriodClose(
        span.id(),
        span.start(),
        span.end(),
        now,
        byService,
        byParty,
        dueCharged[0],
        dueCharged[1],
        dueCharged[0].subtract(dueCharged[1]));
  }
}
