package network.aioz.billing.pricing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The price book. The version that prices a period's usage is the latest whose {@code
 * effective_from} is at or before the period's start; a new version must start in the future, so a
 * period's prices never change once it has begun.
 */
@Component
public class PriceBook {

  /** The region of a price row that applies wherever no row of the exact region exists. */
  public static final String ANY_REGION = "*";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;

  /** Versions are immutable once written: cache their prices. */
  private final Map<Integer, Map<String, Price>> cache = new ConcurrentHashMap<>();

  PriceBook(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** The version in force at {@code at}; empty before the first version. */
  public Optional<Integer> versionAt(Instant at) {
    return jdbc
        .query(
            "select version from price_book_version where effective_from <= ?"
                + " order by effective_from desc limit 1",
            (rs, i) -> rs.getInt(1),
            Timestamp.from(at))
        .stream()
        .findFirst();
  }

  /** The price of a unit under {@code version}: the exact region's row, else the {@code *} row. */
  public Optional<Price> price(int version, String service, String unit, String region) {
    Map<String, Price> prices = prices(version);
    Price exact = prices.get(key(service, unit, region));
    return Optional.ofNullable(exact != null ? exact : prices.get(key(service, unit, ANY_REGION)));
  }

  public Optional<PriceVersion> version(int version) {
    List<PriceVersion> found =
        jdbc.query(
            "select version, effective_from, note from price_book_version where version = ?",
            (rs, i) ->
                new PriceVersion(
                    rs.getInt(1),
                    rs.getTimestamp(2).toInstant(),
                    rs.getString(3),
                    List.copyOf(
                        prices(rs.getInt(1)).values().stream()
                            .sorted(
                                java.util.Comparator.comparing(Price::service)
                                    .thenComparing(Price::unit)
                                    .thenComparing(Price::region))
                            .toList())),
            version);
    return found.stream().findFirst();
  }

  /**
   * Adds a version that supersedes the current one from {@code effectiveFrom} (which must be in the
   * future and after every existing version's start); its number.
   *
   * @throws IllegalArgumentException when the version is not acceptable
   */
  public int create(Instant effectiveFrom, String note, List<NewPrice> prices) {
    if (!effectiveFrom.isAfter(clock.instant())) {
      throw new IllegalArgumentException(
          "effectiveFrom must be in the future: prices of a period that began never change");
    }
    if (prices.isEmpty()) {
      throw new IllegalArgumentException("a price book version needs at least one price");
    }
    Map<String, NewPrice> unique = new HashMap<>();
    for (NewPrice p : prices) {
      if (unique.put(key(p.service(), p.unit(), p.region()), p) != null) {
        throw new IllegalArgumentException(
            "two prices for " + p.service() + "/" + p.unit() + "/" + p.region());
      }
    }
    Integer created =
        transactions.execute(
            status -> {
              // one writer at a time: version numbers and start times stay in step
              jdbc.execute("lock table price_book_version in exclusive mode");
              Map<String, Object> last =
                  jdbc.queryForMap(
                      "select coalesce(max(version), 0) as v, max(effective_from) as f"
                          + " from price_book_version");
              Timestamp latest = (Timestamp) last.get("f");
              if (latest != null && !effectiveFrom.isAfter(latest.toInstant())) {
                throw new IllegalArgumentException(
                    "effectiveFrom must be after the latest version's start " + latest.toInstant());
              }
              int version = ((Number) last.get("v")).intValue() + 1;
              jdbc.update(
                  "insert into price_book_version (version, effective_from, note) values (?, ?, ?)",
                  version,
                  Timestamp.from(effectiveFrom),
                  note);
              List<Object[]> rows = new ArrayList<>();
              for (NewPrice p : prices) {
                rows.add(
                    new Object[] {
                      version,
                      p.service(),
                      p.unit(),
                      p.region(),
                      new BigDecimal(p.amount()),
                      new BigDecimal(p.per())
                    });
              }
              jdbc.batchUpdate(
                  "insert into price (version, service, unit, region, amount, per)"
                      + " values (?, ?, ?, ?, ?, ?)",
                  rows);
              return version;
            });
    return created == null ? 0 : created;
  }

  /** A price of a version to create. */
  public record NewPrice(
      String service, String unit, String region, BigInteger amount, BigInteger per) {}

  private Map<String, Price> prices(int version) {
    Map<String, Price> cached = cache.get(version);
    if (cached != null) {
      return cached;
    }
    Map<String, Price> loaded = load(version);
    // a version not yet committed reads as empty: remember only what exists
    if (!loaded.isEmpty()) {
      cache.put(version, loaded);
    }
    return loaded;
  }

  private Map<String, Price> load(int version) {
    Map<String, Price> prices = new HashMap<>();
    jdbc.query(
        "select service, unit, region, amount, per from price where version = ?",
        rs -> {
          Price p =
              new Price(
                  version,
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getBigDecimal(4).toBigIntegerExact(),
                  rs.getBigDecimal(5).toBigIntegerExact());
          prices.put(key(p.service(), p.unit(), p.region()), p);
        },
        version);
    return Map.copyOf(prices);
  }

  private static String key(String service, String unit, String region) {
    return service + '\n' + unit + '\n' + region;
  }
}
