package network.aioz.billing.account;

import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import network.aioz.billing.ledger.Accounts;
import network.aioz.billing.ledger.BalanceObserver;
import network.aioz.shared.outbox.Outbox;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A tenant's standing, kept in step with every balance change (in the same transaction): whether
 * the tenant can pay for new work ({@code spendable} = available − outstanding > 0), announced by
 * {@code FundsExhausted} / {@code FundsRestored} when it flips, and whether the balance fell below
 * the tenant's low-balance threshold, announced once by {@code BalanceLow} per crossing (re-armed
 * when the balance is back at or above it). Services that start paid work keep their own copy of
 * the standing from these events and refuse new work with 402 while a tenant is not funded.
 */
@Component
public class Standing implements BalanceObserver {

  public static final String FUNDS_EXHAUSTED = "network.aioz.billing.FundsExhausted";
  public static final String FUNDS_RESTORED = "network.aioz.billing.FundsRestored";
  public static final String BALANCE_LOW = "network.aioz.billing.BalanceLow";

  /** {@code FundsExhausted} data. */
  record FundsExhausted(String tenantId, String available, String outstanding, String at) {}

  /** {@code FundsRestored} data. */
  record FundsRestored(String tenantId, String available, String at) {}

  /** {@code BalanceLow} data. */
  record BalanceLow(String tenantId, String available, String threshold, String at) {}

  /** A tenant's standing as stored. */
  public record View(boolean funded, BigInteger lowBalanceThreshold, boolean lowNotified) {}

  private final JdbcTemplate jdbc;
  private final Accounts accounts;
  private final Outbox outbox;
  private final ObjectProvider<Obligations> obligations;
  private final Clock clock;
  private final BigInteger defaultThreshold;

  Standing(
      JdbcTemplate jdbc,
      Accounts accounts,
      Outbox outbox,
      ObjectProvider<Obligations> obligations,
      Clock clock,
      @Value("${billing.alerts.low-balance-default:1000000000000000000}")
          BigInteger defaultThreshold) {
    this.jdbc = jdbc;
    this.accounts = accounts;
    this.outbox = outbox;
    this.obligations = obligations;
    this.clock = clock;
    this.defaultThreshold = defaultThreshold;
  }

  @Override
  public void changed(List<Accounts.Balance> balances) {
    Map<String, BigInteger> available = new LinkedHashMap<>();
    for (Accounts.Balance b : balances) {
      if (b.id().startsWith(Accounts.TENANT_PREFIX)) {
        available.put(b.id().substring(Accounts.TENANT_PREFIX.length()), b.available());
      }
    }
    if (!available.isEmpty()) {
      update(available);
    }
  }

  /**
   * Re-judges the standing of tenants whose obligations changed without a balance change (usage
   * priced beyond the balance); must run in the transaction that changed them.
   */
  public void recheck(java.util.Collection<String> tenantIds) {
    Map<String, BigInteger> available = new java.util.TreeMap<>();
    for (String tenant : tenantIds) {
      available.put(tenant, accounts.tenantBalance(tenant).available());
    }
    if (!available.isEmpty()) {
      update(available);
    }
  }

  private void update(Map<String, BigInteger> available) {
    String[] ids = available.keySet().toArray(String[]::new);
    // locked in id order like the ledger's accounts; a tenant seen for the first time gets its row
    Map<String, View> current = lock(ids);
    if (current.size() < ids.length) {
      String[] missing =
          available.keySet().stream().filter(t -> !current.containsKey(t)).toArray(String[]::new);
      jdbc.update(
          "insert into tenant_standing (tenant_id) select unnest(?::text[]) order by 1"
              + " on conflict do nothing",
          (Object) missing);
      current.putAll(lock(missing));
    }
    Map<String, BigInteger> owed =
        obligations.getIfAvailable(() -> Obligations.NONE).outstanding(available.keySet());
    String at = clock.instant().toString();
    List<Object[]> updates = new ArrayList<>();
    for (Map.Entry<String, BigInteger> e : available.entrySet()) {
      String tenant = e.getKey();
      BigInteger balance = e.getValue();
      BigInteger outstanding = owed.getOrDefault(tenant, BigInteger.ZERO);
      View was = current.get(tenant);
      boolean funded = balance.subtract(outstanding).signum() > 0;
      boolean low = balance.compareTo(was.lowBalanceThreshold()) < 0;
      boolean notify = low && !was.lowNotified();
      if (notify) {
        outbox.append(
            Payments.TOPIC,
            tenant,
            BALANCE_LOW,
            new BalanceLow(tenant, balance.toString(), was.lowBalanceThreshold().toString(), at));
      }
      if (funded != was.funded()) {
        if (funded) {
          outbox.append(
              Payments.TOPIC,
              tenant,
              FUNDS_RESTORED,
              new FundsRestored(tenant, balance.toString(), at));
        } else {
          outbox.append(
              Payments.TOPIC,
              tenant,
              FUNDS_EXHAUSTED,
              new FundsExhausted(tenant, balance.toString(), outstanding.toString(), at));
        }
      }
      boolean lowNotified = low && (was.lowNotified() || notify);
      if (funded != was.funded() || lowNotified != was.lowNotified()) {
        updates.add(new Object[] {funded, lowNotified, Timestamp.from(clock.instant()), tenant});
      }
    }
    if (!updates.isEmpty()) {
      jdbc.batchUpdate(
          "update tenant_standing set funded = ?, low_notified = ?, updated_at = ?"
              + " where tenant_id = ?",
          updates);
    }
  }

  private Map<String, View> lock(String[] tenantIds) {
    Map<String, View> rows = new HashMap<>();
    jdbc.query(
        "select tenant_id, funded, low_threshold, low_notified from tenant_standing"
            + " where tenant_id = any(?) order by tenant_id for update",
        rs -> {
          BigInteger threshold =
              rs.getBigDecimal(3) == null
                  ? defaultThreshold
                  : rs.getBigDecimal(3).toBigIntegerExact();
          rows.put(rs.getString(1), new View(rs.getBoolean(2), threshold, rs.getBoolean(4)));
        },
        (Object) tenantIds);
    return rows;
  }

  /** The tenant's standing (never seen: not funded, the default threshold). */
  public View of(String tenantId) {
    return jdbc
        .query(
            "select funded, low_threshold, low_notified from tenant_standing where tenant_id = ?",
            (rs, i) ->
                new View(
                    rs.getBoolean(1),
                    rs.getBigDecimal(2) == null
                        ? defaultThreshold
                        : rs.getBigDecimal(2).toBigIntegerExact(),
                    rs.getBoolean(3)),
            tenantId)
        .stream()
        .findFirst()
        .orElse(new View(false, defaultThreshold, false));
  }

  /** Sets the tenant's low-balance threshold; null returns it to the default. */
  public void setLowBalanceThreshold(String tenantId, BigInteger threshold) {
    jdbc.update(
        "insert into tenant_standing (tenant_id, low_threshold) values (?, ?)"
            + " on conflict (tenant_id) do update set low_threshold = excluded.low_threshold,"
            + " low_notified = false",
        tenantId,
        threshold == null ? null : new java.math.BigDecimal(threshold));
  }
}
