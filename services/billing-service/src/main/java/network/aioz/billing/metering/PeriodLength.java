package network.aioz.billing.metering;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How time is cut into billing periods: calendar months in UTC ({@code P1M}, ids like {@code
 * 2026-11}) or a fixed duration that divides a day ({@code PT1H}, {@code PT10S} for tests and
 * simulations, ids like {@code 20261122T230000Z}), aligned to midnight UTC.
 */
record PeriodLength(Duration fixed) {

  private static final DateTimeFormatter FIXED_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Duration DAY = Duration.ofDays(1);

  static final PeriodLength MONTHLY = new PeriodLength(null);

  /** {@code P1M} or a Duration that divides a day. */
  static PeriodLength parse(String text) {
    if (text == null || text.isBlank() || text.strip().equals("P1M")) {
      return MONTHLY;
    }
    Duration d;
    try {
      d = Duration.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "billing.periods.length must be P1M (calendar months) or a duration that divides a day,"
              + " such as PT1H: '"
              + text
              + "'");
    }
    if (d.isNegative() || d.isZero() || d.compareTo(DAY) > 0 || DAY.toNanos() % d.toNanos() != 0) {
      throw new IllegalArgumentException(
          "billing.periods.length must divide a day (PT1H, PT10S, ...): '" + text + "'");
    }
    return new PeriodLength(d);
  }

  /** The period that contains {@code at}. */
  Span containing(Instant at) {
    if (fixed == null) {
      YearMonth month = YearMonth.from(at.atOffset(ZoneOffset.UTC));
      Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      return new Span(month.toString(), start, end);
    }
    long step = fixed.toNanos();
    Instant midnight =
        at.atOffset(ZoneOffset.UTC).toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC);
    long into = Duration.between(midnight, at).toNanos();
    Instant start = midnight.plusNanos(into - into % step);
    return new Span(FIXED_ID.format(start), start, start.plus(fixed));
  }

  /** The period with {@code id}; empty when {@code id} is no period id of this length. */
  java.util.Optional<Span> byId(String id) {
    try {
      Instant start =
          fixed == null
              ? YearMonth.parse(id).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)
              : Instant.from(FIXED_ID.parse(id));
      Span span = containing(start);
      return span.id().equals(id) ? java.util.Optional.of(span) : java.util.Optional.empty();
    } catch (DateTimeParseException e) {
      return java.util.Optional.empty();
    }
  }

  /** One period: {@code [start, end)}. */
  record Span(String id, Instant start, Instant end) {}
}
