package network.aioz.billing.metering;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import network.aioz.billing.account.Standing;
import network.aioz.billing.economics.Party;
import network.aioz.billing.economics.Split;
import network.aioz.billing.economics.SplitRules;
import network.aioz.billing.ledger.Accounts;
import network.aioz.billing.ledger.Ledger;
import network.aioz.billing.ledger.Phase;
import network.aioz.billing.ledger.TransferRequest;
import network.aioz.billing.ledger.TransferResult;
import network.aioz.billing.pricing.Price;
import network.aioz.billing.pricing.PriceBook;
import network.aioz.shared.amount.TokenAmount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The charge run: prices every aggregate whose quantity grew or whose price is not fully charged,
 * on the cumulative quantity of its period (due = floor(quantity × amount / per), one rounding),
 * and charges the difference to what was charged before: from the usage's hold first, then from the
 * balance as far as it goes; the rest stays owed and is charged first by later runs. Each tenant's
 * charges and their fee splits are one all-or-nothing ledger batch, and the aggregates' charged
 * amounts change inside that batch's transaction, so the tenant's standing sees them. Transfer ids
 * derive from the aggregate and the amount charged up to, so a re-run never charges twice.
 */
@Component
public class Charging {

  private static final Logger log = LoggerFactory.getLogger(Charging.class);

  private static final SplitRules SPLITS = SplitRules.defaults();

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Ledger ledger;
  private final Accounts accounts;
  private final PriceBook prices;
  private final Standing standing;
  private final Clock clock;

  Charging(
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      Ledger ledger,
      Accounts accounts,
      PriceBook prices,
      Standing standing,
      Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.ledger = ledger;
    this.accounts = accounts;
    this.prices = prices;
    this.standing = standing;
    this.clock = clock;
  }

  @Scheduled(
      fixedDelayString = "${billing.charging.interval:PT1M}",
      initialDelayString = "${billing.charging.interval:PT1M}")
  void scheduled() {
    try {
      run();
    } catch (RuntimeException e) {
      log.warn("charge run failed; the next one retries: {}", e.toString());
    }
  }

  /** Charges every tenant with something to charge; how many tenants it charged or re-priced. */
  public int run() {
    return chargeAll(null);
  }

  /** Charges the usage of one period (the final charge of a close). */
  int runPeriod(String periodId) {
    return chargeAll(periodId);
  }

  private int chargeAll(String periodId) {
    List<String> tenants =
        jdbc.queryForList(
            "select distinct tenant_id from metering_usage"
                + " where (quantity <> priced_quantity or due > charged)"
                + (periodId == null ? " and ?::text is null" : " and period_id = ?"),
            String.class,
            periodId);
    int done = 0;
    for (String tenant : tenants) {
      try {
        if (chargeTenant(tenant, periodId)) {
          done++;
        }
      } catch (RuntimeException e) {
        log.warn("charging tenant {} failed; the next run retries: {}", tenant, e.toString());
      }
    }
    return done;
  }

  /** One tenant's charge in one transaction; whether anything changed. */
  boolean chargeTenant(String tenant, String periodId) {
    Boolean changed = transactions.execute(status -> charge(tenant, periodId));
    return Boolean.TRUE.equals(changed);
  }

  /** An aggregate as the run prices it. */
  private static final class Row {
    Ingestion.AggregateKey key;
    Instant periodStart;
    BigInteger quantity;
    Integer version;
    BigInteger due;
    BigInteger charged;
    boolean holdPosted;
    BigInteger[] paid = new BigInteger[4];
    boolean dirty;
  }

  private boolean charge(String tenant, String periodId) {
    List<Row> rows =
        jdbc.query(
            "select u.*, p.starts_at from metering_usage u join billing_period p on p.id ="
                + " u.period_id where u.tenant_id = ?"
                + " and (u.quantity <> u.priced_quantity or u.due > u.charged)"
                + (periodId == null ? " and ?::text is null" : " and u.period_id = ?")
                + " order by u.period_id collate \"C\", u.service collate \"C\","
                + " u.unit collate \"C\", u.region collate \"C\", u.creator_id collate \"C\","
                + " u.hold_id collate \"C\" for update of u",
            (rs, i) -> {
              Row r = new Row();
              r.key =
                  new Ingestion.AggregateKey(
                      rs.getString("tenant_id"),
                      rs.getString("period_id"),
                      rs.getString("service"),
                      rs.getString("unit"),
                      rs.getString("region"),
                      rs.getString("creator_id"),
                      rs.getString("hold_id"));
              r.periodStart = rs.getTimestamp("starts_at").toInstant();
              r.quantity = rs.getBigDecimal("quantity").toBigIntegerExact();
              int v = rs.getInt("price_version");
              r.version = rs.wasNull() ? null : v;
              r.due = rs.getBigDecimal("due").toBigIntegerExact();
              r.charged = rs.getBigDecimal("charged").toBigIntegerExact();
              r.holdPosted = rs.getBoolean("hold_posted");
              r.paid[0] = rs.getBigDecimal("paid_creator").toBigIntegerExact();
              r.paid[1] = rs.getBigDecimal("paid_edges").toBigIntegerExact();
              r.paid[2] = rs.getBigDecimal("paid_validators").toBigIntegerExact();
              r.paid[3] = rs.getBigDecimal("paid_treasury").toBigIntegerExact();
              return r;
            },
            tenant,
            periodId);
    if (rows.isEmpty()) {
      return false;
    }
    String account = Accounts.tenantAccount(tenant);
    BigInteger available = accounts.tenantBalance(tenant).available();
    BigInteger owedBefore = owed(rows);
    List<TransferRequest> transfers = new ArrayList<>();
    Set<String> creators = new LinkedHashSet<>();
    for (Row r : rows) {
      Optional<Price> price = price(r);
      if (price.isEmpty()) {
        continue;
      }
      r.version = price.get().version();
      r.due = due(price.get(), r.quantity, r.due);
      r.dirty = true;
      BigInteger delta = r.due.subtract(r.charged);
      if (delta.signum() > 0 && !r.key.holdId().isEmpty() && !r.holdPosted) {
        r.holdPosted = true;
        BigInteger held = openHold(UUID.fromString(r.key.holdId()), account);
        if (held.signum() > 0) {
          BigInteger post = delta.min(held);
          r.charged = r.charged.add(post);
          transfers.add(
              TransferRequest.post(
                  id("hold-post", r, r.key.holdId()), UUID.fromString(r.key.holdId()), post));
          transfers.addAll(splits(r, post));
          delta = delta.subtract(post);
        }
      }
      BigInteger pay = delta.min(available);
      if (pay.signum() > 0) {
        available = available.subtract(pay);
        r.charged = r.charged.add(pay);
        transfers.add(
            TransferRequest.posted(
                id("charge", r, r.charged.toString()),
                account,
                Accounts.REVENUE,
                pay,
                "charge",
                r.key.reference()));
        transfers.addAll(splits(r, pay));
      }
      if (!r.key.creatorId().isEmpty()) {
        creators.add(r.key.creatorId());
      }
    }
    List<Row> dirty = rows.stream().filter(r -> r.dirty).toList();
    if (dirty.isEmpty()) {
      return false;
    }
    if (transfers.isEmpty()) {
      write(dirty);
      if (!owed(rows).equals(owedBefore)) {
        standing.recheck(List.of(tenant));
      }
      return true;
    }
    creators.forEach(accounts::openTenant);
    ledger.submit(
        transfers,
        true,
        results -> {
          if (!results.stream().allMatch(TransferResult::ok)) {
            throw new IllegalStateException(
                "the ledger refused tenant " + tenant + "'s charge: " + results);
          }
          write(dirty);
        });
    return true;
  }

  /**
   * What usage of {@code cumulative} quantity costs, priced once on the whole (never per increment,
   * whose floors would lose up to a base unit each time), and never less than what was priced
   * before.
   */
  static BigInteger due(Price price, BigInteger cumulative, BigInteger pricedBefore) {
    return price.due(cumulative).max(pricedBefore);
  }

  private Optional<Price> price(Row r) {
    Integer version = r.version;
    if (version == null) {
      Optional<Integer> found = prices.versionAt(r.periodStart);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      version = found.get();
    }
    Optional<Price> price = prices.price(version, r.key.service(), r.key.unit(), r.key.region());
    if (price.isEmpty()) {
      log.debug("no price for {} under version {}: left unpriced", r.key.reference(), version);
    }
    return price;
  }

  /** The amount still held by the tenant's open hold {@code id} into revenue, else zero. */
  private BigInteger openHold(UUID id, String account) {
    return jdbc
        .query(
            "select amount from ledger_transfer where id = ? and phase = 'pending'"
                + " and state = 'open' and expires_at > ? and debit_account = ?"
                + " and credit_account = ?",
            (rs, i) -> rs.getBigDecimal(1).toBigIntegerExact(),
            id,
            Timestamp.from(clock.instant().plusSeconds(5)),
            account,
            Accounts.REVENUE)
        .stream()
        .findFirst()
        .orElse(BigInteger.ZERO);
  }

  /** Revenue's share-out of {@code amount} to the parties, one split transfer each. */
  private List<TransferRequest> splits(Row r, BigInteger amount) {
    boolean withCreator = !r.key.creatorId().isEmpty();
    Split split = SPLITS.split(r.key.service(), TokenAmount.ofBaseUnits(amount), withCreator);
    List<TransferRequest> transfers = new ArrayList<>(4);
    for (Party party : Party.values()) {
      BigInteger part = split.part(party).baseUnits();
      r.paid[party.ordinal()] = r.paid[party.ordinal()].add(part);
      if (part.signum() == 0) {
        continue;
      }
      String payee =
          switch (party) {
            case CREATOR -> Accounts.tenantAccount(r.key.creatorId());
            case EDGES -> Accounts.EDGES;
            case VALIDATORS -> Accounts.VALIDATORS;
            case TREASURY -> Accounts.TREASURY;
          };
      transfers.add(
          new TransferRequest(
              id("split", r, r.charged + ":" + party),
              Accounts.REVENUE,
              payee,
              part,
              "split",
              Phase.POSTED,
              null,
              null,
              split.ruleId(),
              null,
              r.key.reference()));
    }
    return transfers;
  }

  private void write(List<Row> rows) {
    jdbc.batchUpdate(
        "update metering_usage set priced_quantity = ?, price_version = ?, due = ?, charged = ?,"
            + " hold_posted = ?, paid_creator = ?, paid_edges = ?, paid_validators = ?,"
            + " paid_treasury = ?, updated_at = ? where tenant_id = ? and period_id = ?"
            + " and service = ? and unit = ? and region = ? and creator_id = ? and hold_id = ?",
        rows,
        rows.size(),
        (ps, r) -> {
          ps.setBigDecimal(1, new BigDecimal(r.quantity));
          ps.setInt(2, r.version);
          ps.setBigDecimal(3, new BigDecimal(r.due));
          ps.setBigDecimal(4, new BigDecimal(r.charged));
          ps.setBoolean(5, r.holdPosted);
          for (int i = 0; i < 4; i++) {
            ps.setBigDecimal(6 + i, new BigDecimal(r.paid[i]));
          }
          ps.setTimestamp(10, Timestamp.from(clock.instant()));
          ps.setString(11, r.key.tenantId());
          ps.setString(12, r.key.periodId());
          ps.setString(13, r.key.service());
          ps.setString(14, r.key.unit());
          ps.setString(15, r.key.region());
          ps.setString(16, r.key.creatorId());
          ps.setString(17, r.key.holdId());
        });
  }

  private static BigInteger owed(List<Row> rows) {
    BigInteger owed = BigInteger.ZERO;
    for (Row r : rows) {
      owed = owed.add(r.due.subtract(r.charged));
    }
    return owed;
  }

  private static UUID id(String kind, Row r, String upTo) {
    return UUID.nameUUIDFromBytes(
        ("metering:" + kind + ":" + r.key.id() + ":" + upTo).getBytes(StandardCharsets.UTF_8));
  }
}
