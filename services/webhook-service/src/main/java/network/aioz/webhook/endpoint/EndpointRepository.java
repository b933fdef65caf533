package network.aioz.webhook.endpoint;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import network.aioz.webhook.support.SecretSeal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
class EndpointRepository {

  private static final String COLUMNS =
      "id, tenant_id, url, description, event_types, enabled, disabled_reason, created_at,"
          + " updated_at";

  private static final RowMapper<Endpoint> ENDPOINT =
      (rs, n) ->
          new Endpoint(
              rs.getObject("id", UUID.class),
              rs.getString("tenant_id"),
              rs.getString("url"),
              rs.getString("description"),
              types(rs),
              rs.getBoolean("enabled"),
              rs.getString("disabled_reason"),
              rs.getTimestamp("created_at").toInstant(),
              rs.getTimestamp("updated_at").toInstant());

  private final JdbcTemplate jdbc;
  private final SecretSeal seal;

  EndpointRepository(JdbcTemplate jdbc, SecretSeal seal) {
    this.jdbc = jdbc;
    this.seal = seal;
  }

  void insert(Endpoint e, String secret) {
    jdbc.update(
        "insert into webhook_endpoint (id, tenant_id, url, description, event_types, enabled,"
            + " secret, created_at, updated_at) values (?, ?, ?, ?, ?::text[], ?, ?, ?, ?)",
        e.id(),
        e.tenantId(),
        e.url(),
        e.description(),
        e.eventTypes().toArray(String[]::new),
        e.enabled(),
        seal.seal(e.id(), secret),
        Timestamp.from(e.createdAt()),
        Timestamp.from(e.updatedAt()));
  }

  List<Endpoint> list(String tenantId) {
    return jdbc.query(
        "select " + COLUMNS + " from webhook_endpoint where tenant_id = ? order by created_at, id",
        ENDPOINT,
        tenantId);
  }

  Optional<Endpoint> find(String tenantId, UUID id) {
    return jdbc
        .query(
            "select " + COLUMNS + " from webhook_endpoint where tenant_id = ? and id = ?",
            ENDPOINT,
            tenantId,
            id)
        .stream()
        .findFirst();
  }

  /** Stores the changed fields; re-enabling also forgets the failure streak. */
  void update(Endpoint e) {
    jdbc.update(
        "update webhook_endpoint set url = ?, description = ?, event_types = ?::text[], enabled = ?,"
            + " disabled_reason = ?, failing_since = case when ? then null else failing_since end,"
            + " updated_at = ? where id = ? and tenant_id = ?",
        e.url(),
        e.description(),
        e.eventTypes().toArray(String[]::new),
        e.enabled(),
        e.disabledReason(),
        e.enabled(),
        Timestamp.from(e.updatedAt()),
        e.id(),
        e.tenantId());
  }

  boolean delete(String tenantId, UUID id) {
    return jdbc.update("delete from webhook_endpoint where tenant_id = ? and id = ?", tenantId, id)
        == 1;
  }

  Optional<String> secret(String tenantId, UUID id) {
    return jdbc
        .queryForList(
            "select secret from webhook_endpoint where tenant_id = ? and id = ?",
            String.class,
            tenantId,
            id)
        .stream()
        .findFirst()
        .map(stored -> seal.open(id, stored));
  }

  boolean rotate(String tenantId, UUID id, String secret, Instant previousUntil, Instant now) {
    return jdbc.update(
            "update webhook_endpoint set previous_secret = secret, previous_secret_expires_at = ?,"
                + " secret = ?, updated_at = ? where tenant_id = ? and id = ?",
            Timestamp.from(previousUntil),
            seal.seal(id, secret),
            Timestamp.from(now),
            tenantId,
            id)
        == 1;
  }

  /** Disables an enabled endpoint; returns its tenant, or empty when it was not enabled. */
  Optional<String> disable(UUID id, String reason, Instant now) {
    return jdbc
        .queryForList(
            "update webhook_endpoint set enabled = false, disabled_reason = ?, updated_at = ?"
                + " where id = ? and enabled returning tenant_id",
            String.class,
            reason,
            Timestamp.from(now),
            id)
        .stream()
        .findFirst();
  }

  /**
   * A disabled endpoint gets nothing more: its queued deliveries end as cancelled (re-enabling does
   * not flood it with stale messages; the tenant can replay what it needs).
   */
  void cancelPending(UUID endpointId, Instant now) {
    jdbc.update(
        "update webhook_delivery set status = 'cancelled', next_attempt_at = null,"
            + " claim_token = null, updated_at = ? where endpoint_id = ? and status = 'pending'",
        Timestamp.from(now),
        endpointId);
  }

  private static List<String> types(ResultSet rs) throws SQLException {
    Array array = rs.getArray("event_types");
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
