package network.aioz.billing.metering;

import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import network.aioz.billing.ledger.Accounts;
import network.aioz.billing.pricing.Price;
import network.aioz.billing.pricing.PriceBook;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant's usage lines and statements. A statement shows the money that moved in the period's
 * time range (from the ledger: opening balance, credits by source, charges by service, refunds,
 * other debits, closing balance) and the period's own usage (due, charged, owed); once the period
 * is closed it is stored on first request and served as stored from then on.
 */
@Component
class Statements {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcTemplate jdbc;
  private final PriceBook prices;

  Statements(JdbcTemplate jdbc, PriceBook prices) {
    this.jdbc = jdbc;
    this.prices = prices;
  }

  /** One usage line: amounts in base units as strings. */
  record Line(
      String service,
      String unit,
      String region,
      String quantity,
      long events,
      Integer priceVersion,
      String due,
      String charged,
      String owed) {}

  record UsageView(
      String period, Instant startsAt, Instant endsAt, String status, List<Line> lines) {}

  record Statement(
      String tenantId,
      String period,
      Instant startsAt,
      Instant endsAt,
      String status,
      String openingBalance,
      Map<String, String> credits,
      Map<String, String> charges,
      String refunds,
      Map<String, String> otherDebits,
      String closingBalance,
      String usageDue,
      String usageCharged,
      String owed) {}

  record PeriodView(String period, Instant startsAt, Instant endsAt, String status) {}

  /**
   * The tenant's usage in a period, per service, unit and region; {@code due} priced on the current
   * quantity (what the next charge run will charge up to).
   */
  UsageView usage(String tenant, PeriodLength.Span span, String status) {
    Map<String, Line> lines = new TreeMap<>();
    jdbc.query(
        "select u.service, u.unit, u.region, u.quantity, u.events, u.price_version, u.charged,"
            + " u.due, p.starts_at from metering_usage u join billing_period p on p.id ="
            + " u.period_id where u.tenant_id = ? and u.period_id = ?",
        rs -> {
          String service = rs.getString(1);
          String unit = rs.getString(2);
          String region = rs.getString(3);
          BigInteger quantity = rs.getBigDecimal(4).toBigIntegerExact();
          long events = rs.getLong(5);
          int v = rs.getInt(6);
          Integer version = rs.wasNull() ? null : v;
          BigInteger charged = rs.getBigDecimal(7).toBigIntegerExact();
          BigInteger stored = rs.getBigDecimal(8).toBigIntegerExact();
          if (version == null) {
            version = prices.versionAt(rs.getTimestamp(9).toInstant()).orElse(null);
          }
          Optional<Price> price =
              version == null ? Optional.empty() : prices.price(version, service, unit, region);
          BigInteger due = price.map(p -> p.due(quantity)).orElse(BigInteger.ZERO).max(stored);
          Integer shown = version;
          lines.merge(
              service + "/" + unit + "/" + region,
              new Line(
                  service,
                  unit,
                  region,
                  quantity.toString(),
                  events,
                  shown,
                  due.toString(),
                  charged.toString(),
                  due.subtract(charged).toString()),
              Statements::add);
        },
        tenant,
        span.id());
    return new UsageView(span.id(), span.start(), span.end(), status, List.copyOf(lines.values()));
  }

  private static Line add(Line a, Line b) {
    return new Line(
        a.service(),
        a.unit(),
        a.region(),
        sum(a.quantity(), b.quantity()),
        a.events() + b.events(),
        a.priceVersion(),
        sum(a.due(), b.due()),
        sum(a.charged(), b.charged()),
        sum(a.owed(), b.owed()));
  }

  private static String sum(String a, String b) {
    return new BigInteger(a).add(new BigInteger(b)).toString();
  }

  /** The statement; stored and served as stored once the period is closed. */
  Statement statement(String tenant, PeriodLength.Span span, String status) {
    if (Periods.CLOSED.equals(status)) {
      List<String> stored =
          jdbc.queryForList(
              "select body::text from metering_statement where tenant_id = ? and period_id = ?",
              String.class,
              tenant,
              span.id());
      if (!stored.isEmpty()) {
        return JSON.readValue(stored.getFirst(), Statement.class);
      }
    }
    Statement statement = compute(tenant, span, status);
    if (Periods.CLOSED.equals(status)) {
      jdbc.update(
          "insert into metering_statement (tenant_id, period_id, body) values (?, ?, ?::jsonb)"
              + " on conflict do nothing",
          tenant,
          span.id(),
          JSON.writeValueAsString(statement));
      // whoever stored it first wins; everybody serves that one
      return JSON.readValue(
          jdbc.queryForObject(
              "select body::text from metering_statement where tenant_id = ? and period_id = ?",
              String.class,
              tenant,
              span.id()),
          Statement.class);
    }
    return statement;
  }

  private Statement compute(String tenant, PeriodLength.Span span, String status) {
    String account = Accounts.tenantAccount(tenant);
    Timestamp start = Timestamp.from(span.start());
    Timestamp end = Timestamp.from(span.end());
    // posted balances move with posted transfers and with the post of a hold
    BigInteger opening =
        jdbc.queryForObject(
            "select coalesce(sum(case when credit_account = ? then amount else -amount end), 0)"
                + " from ledger_transfer where (credit_account = ? or debit_account = ?)"
                + " and phase in ('posted', 'post') and created_at < ?",
            (rs, i) -> rs.getBigDecimal(1).toBigIntegerExact(),
            account,
            account,
            account,
            start);
    Map<String, BigInteger> credits = new TreeMap<>();
    Map<String, BigInteger> charges = new TreeMap<>();
    Map<String, BigInteger> other = new TreeMap<>();
    BigInteger[] refunds = {BigInteger.ZERO};
    BigInteger[] net = {BigInteger.ZERO};
    jdbc.query(
        "select credit_account = ? as credit, code, reference, amount from ledger_transfer"
            + " where (credit_account = ? or debit_account = ?) and phase in ('posted', 'post')"
            + " and created_at >= ? and created_at < ?",
        rs -> {
          boolean credit = rs.getBoolean(1);
          String code = rs.getString(2);
          String reference = rs.getString(3);
          BigInteger amount = rs.getBigDecimal(4).toBigIntegerExact();
          if (credit) {
            net[0] = net[0].add(amount);
            if ("refund".equals(code)) {
              refunds[0] = refunds[0].add(amount);
            } else {
              credits.merge(code, amount, BigInteger::add);
            }
            return;
          }
          net[0] = net[0].subtract(amount);
          String[] parts = reference == null ? new String[0] : reference.split("/");
          if ("charge".equals(code) && parts.length == 4) {
            charges.merge(parts[1], amount, BigInteger::add);
          } else {
            other.merge(code, amount, BigInteger::add);
          }
        },
        account,
        account,
        account,
        start,
        end);
    BigInteger[] usage = {BigInteger.ZERO, BigInteger.ZERO};
    jdbc.query(
        "select coalesce(sum(due), 0), coalesce(sum(charged), 0) from metering_usage"
            + " where tenant_id = ? and period_id = ?",
        rs -> {
          usage[0] = rs.getBigDecimal(1).toBigIntegerExact();
          usage[1] = rs.getBigDecimal(2).toBigIntegerExact();
        },
        tenant,
        span.id());
    return new Statement(
        tenant,
        span.id(),
        span.start(),
        span.end(),
        status,
        opening.toString(),
        strings(credits),
        strings(charges),
        refunds[0].toString(),
        strings(other),
        opening.add(net[0]).toString(),
        usage[0].toString(),
        usage[1].toString(),
        usage[0].subtract(usage[1]).toString());
  }

  List<PeriodView> periods(int limit) {
    return jdbc.query(
        "select id, starts_at, ends_at, status from billing_period order by starts_at desc limit ?",
        (rs, i) ->
            new PeriodView(
                rs.getString(1),
                rs.getTimestamp(2).toInstant(),
                rs.getTimestamp(3).toInstant(),
                rs.getString(4)),
        limit);
  }

  private static Map<String, String> strings(Map<String, BigInteger> amounts) {
    Map<String, String> out = new TreeMap<>();
    amounts.forEach((k, v) -> out.put(k, v.toString()));
    return out;
  }
}
