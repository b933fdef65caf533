package network.aioz.billing.metering;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The billing periods: created on first use, open until closed. */
@Component
class Periods {

  static final String OPEN = "open";
  static final String CLOSING = "closing";
  static final String CLOSED = "closed";

  private final JdbcTemplate jdbc;
  private final MeteringSettings settings;
  private final Clock clock;

  Periods(JdbcTemplate jdbc, MeteringSettings settings, Clock clock) {
    this.jdbc = jdbc;
    this.settings = settings;
    this.clock = clock;
  }

  /** The last period looked up: nearly all usage of a poll falls into the current one. */
  private volatile PeriodLength.Span last;

  PeriodLength.Span containing(Instant at) {
    PeriodLength.Span span = last;
    if (span != null && !at.isBefore(span.start()) && at.isBefore(span.end())) {
      return span;
    }
    span = settings.periodLength().containing(at);
    last = span;
    return span;
  }

  PeriodLength.Span current() {
    return containing(clock.instant());
  }

  Optional<PeriodLength.Span> byId(String id) {
    return settings.periodLength().byId(id);
  }

  /**
   * Creates the periods that do not exist yet, except those whose grace has run out: usage that
   * arrives for a period nobody ever used after it could have been closed counts as late.
   */
  void ensure(Collection<PeriodLength.Span> spans) {
    Instant now = clock.instant();
    List<PeriodLength.Span> creatable =
        spans.stream()
            .filter(s -> s.end().plus(settings.grace()).isAfter(now))
            .sorted(java.util.Comparator.comparing(PeriodLength.Span::id))
            .toList();
    if (creatable.isEmpty()) {
      return;
    }
    jdbc.batchUpdate(
        "insert into billing_period (id, starts_at, ends_at) values (?, ?, ?)"
            + " on conflict do nothing",
        creatable,
        creatable.size(),
        (ps, s) -> {
          ps.setString(1, s.id());
          ps.setTimestamp(2, Timestamp.from(s.start()));
          ps.setTimestamp(3, Timestamp.from(s.end()));
        });
  }

  /** Creates one period (open) unless it exists, whatever its age: for closes and tests. */
  void create(PeriodLength.Span span) {
    jdbc.update(
        "insert into billing_period (id, starts_at, ends_at) values (?, ?, ?)"
            + " on conflict do nothing",
        span.id(),
        Timestamp.from(span.start()),
        Timestamp.from(span.end()));
  }

  /**
   * The status of each period, locked for share until the transaction ends: a close (which locks
   * for update) waits for the usage being recorded, and usage recorded after it sees the period
   * closing.
   */
  Map<String, String> lockForShare(Collection<String> ids) {
    Map<String, String> status = new HashMap<>();
    jdbc.query(
        "select id, status from billing_period where id = any(?) order by id for share",
        rs -> {
          status.put(rs.getString(1), rs.getString(2));
        },
        (Object) ids.toArray(String[]::new));
    return status;
  }

  Optional<String> status(String id) {
    return jdbc
        .query("select status from billing_period where id = ?", (rs, i) -> rs.getString(1), id)
        .stream()
        .findFirst();
  }
}
