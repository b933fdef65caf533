package network.aioz.gateway.idempotency;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotency records in the gateway database, shared by every replica: a key is claimed by one
 * insert (the primary key decides between concurrent duplicates, wherever they arrive), then holds
 * either a lease (in flight) or the stored response.
 */
class IdempotencyStore {

  private static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final JsonMapper json;
  private final Duration retention;
  private final Duration lease;

  IdempotencyStore(JdbcTemplate jdbc, JsonMapper json, IdempotencyProperties properties) {
    this.jdbc = jdbc;
    this.json = json;
    this.retention = properties.retention();
    this.lease = properties.lease();
  }

  /** Claims the key, or says why this request may not run. */
  Claim claim(String tenantId, String key, String fingerprint) {
    for (int attempt = 0; attempt < 3; attempt++) {
      UUID owner = UUID.randomUUID();
      int inserted =
          jdbc.update(
              "insert into gateway_idempotency (tenant_id, idem_key, fingerprint, owner, state,"
                  + " lease_until, expires_at, created_at) values (?, ?, ?, ?, 'in-flight',"
                  + " statement_timestamp() + ? * interval '1 millisecond',"
                  + " statement_timestamp() + ? * interval '1 millisecond', statement_timestamp())"
                  + " on conflict (tenant_id, idem_key) do nothing",
              tenantId,
              key,
              fingerprint,
              owner,
              lease.toMillis(),
              retention.toMillis());
      if (inserted == 1) {
        return new Claim.Granted(owner);
      }
      List<Claim> found =
          jdbc.query(
              "select fingerprint, state, lease_until < statement_timestamp() as lease_over,"
                  + " expires_at < statement_timestamp() as expired, status, headers, body"
                  + " from gateway_idempotency where tenant_id = ? and idem_key = ?",
              (rs, i) -> {
                if (rs.getBoolean("expired")) {
                  return new Claim.Expired();
                }
                if (!rs.getString("fingerprint").equals(fingerprint)) {
                  return new Claim.Mismatch();
                }
                if ("completed".equals(rs.getString("state"))) {
                  return new Claim.Replay(
                      rs.getInt("status"),
                      json.readValue(rs.getString("headers"), HEADERS),
                      rs.getBytes("body"));
                }
                return rs.getBoolean("lease_over") ? new Claim.Abandoned() : new Claim.InFlight();
              },
              tenantId,
              key);
      if (found.isEmpty()) {
        continue; // deleted between our insert and select: try again
      }
      Claim claim = found.getFirst();
      switch (claim) {
        case Claim.Expired expired ->
            jdbc.update(
                "delete from gateway_idempotency where tenant_id = ? and idem_key = ?"
                    + " and expires_at < statement_timestamp()",
                tenantId,
                key);
        case Claim.Abandoned abandoned -> {
          int taken =
              jdbc.update(
                  "update gateway_idempotency set owner = ?, lease_until = statement_timestamp()"
                      + " + ? * interval '1 millisecond' where tenant_id = ? and idem_key = ?"
                      + " and state = 'in-flight' and lease_until < statement_timestamp()",
                  owner,
                  lease.toMillis(),
                  tenantId,
                  key);
          if (taken == 1) {
            return new Claim.Granted(owner);
          }
        }
        default -> {
          return claim;
        }
      }
    }
    return new Claim.InFlight();
  }

  /** Stores the response the owner got, for replay. */
  void complete(
      String tenantId,
      String key,
      UUID owner,
      int status,
      Map<String, List<String>> headers,
      byte[] body) {
    jdbc.update(
        "update gateway_idempotency set state = 'completed', status = ?, headers = ?, body = ?,"
            + " lease_until = null where tenant_id = ? and idem_key = ? and owner = ?",
        status,
        json.writeValueAsString(new LinkedHashMap<>(headers)),
        body,
        tenantId,
        key,
        owner);
  }

  /** Frees a key whose request never got an answer from the service, so a retry may run. */
  void release(String tenantId, String key, UUID owner) {
    jdbc.update(
        "delete from gateway_idempotency where tenant_id = ? and idem_key = ? and owner = ?"
            + " and state = 'in-flight'",
        tenantId,
        key,
        owner);
  }

  int forgetExpired() {
    return jdbc.update("delete from gateway_idempotency where expires_at < statement_timestamp()");
  }

  /** What a request may do with its key. */
  sealed interface Claim {
    /** This request runs; its owner id stores or releases the key. */
    record Granted(UUID owner) implements Claim {}

    /** The first request is still running: 409. */
    record InFlight() implements Claim {}

    /** The key was used with another request: 422. */
    record Mismatch() implements Claim {}

    /** The stored first response, replayed. */
    record Replay(int status, Map<String, List<String>> headers, byte[] body) implements Claim {}

    /** Past retention: deleted, then claimed again. */
    record Expired() implements Claim {}

    /** In flight past its lease (its replica died): taken over. */
    record Abandoned() implements Claim {}
  }
}
