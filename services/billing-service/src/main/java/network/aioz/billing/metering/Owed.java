package network.aioz.billing.metering;

import java.math.BigInteger;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import network.aioz.billing.account.Obligations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What tenants owe: usage priced beyond what their balance covered, Σ(due − charged) over open and
 * closed periods. Read inside the ledger's transactions, so it sees charges of the same batch.
 */
@Component
class Owed implements Obligations {

  private final JdbcTemplate jdbc;

  Owed(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, BigInteger> outstanding(Collection<String> tenantIds) {
    Map<String, BigInteger> owed = new HashMap<>();
    if (tenantIds.isEmpty()) {
      return owed;
    }
    jdbc.query(
        "select tenant_id, sum(due - charged) from metering_usage"
            + " where tenant_id = any(?) and due > charged group by tenant_id",
        rs -> {
          owed.put(rs.getString(1), rs.getBigDecimal(2).toBigIntegerExact());
        },
        (Object) tenantIds.toArray(String[]::new));
    return owed;
  }
}
