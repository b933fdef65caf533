package network.aioz.storage.funds;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code tenant_funds} table: whether each tenant is funded, as of billing's last word. */
@Repository
class TenantStandings {

  private final JdbcTemplate jdbc;

  TenantStandings(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** False for a tenant billing never announced. */
  boolean funded(String tenantId) {
    List<Boolean> rows =
        jdbc.query(
            "select funded from tenant_funds where tenant_id = ?",
            (rs, n) -> rs.getBoolean(1),
            tenantId);
    return !rows.isEmpty() && rows.getFirst();
  }

  /**
   * Records billing's standing of a tenant unless a newer one is stored (Kafka may redeliver an old
   * event after a newer one); equal times apply in arrival order, which per tenant is billing's.
   *
   * @return whether the standing was recorded
   */
  boolean record(String tenantId, boolean funded, Instant at) {
    return jdbc.update(
            "insert into tenant_funds (tenant_id, funded, standing_at) values (?, ?, ?)"
                + " on conflict (tenant_id) do update"
                + " set funded = excluded.funded, standing_at = excluded.standing_at,"
                + " updated_at = now()"
                + " where tenant_funds.standing_at <= excluded.standing_at",
            tenantId,
            funded,
            Timestamp.from(at))
        > 0;
  }
}
