package network.aioz.identity.apikey;

import java.security.MessageDigest;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import network.aioz.identity.support.Authenticated;
import network.aioz.identity.support.Callers;
import network.aioz.identity.support.InvalidCredentialException;
import network.aioz.identity.support.Tokens;
import network.aioz.shared.outbox.Outbox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys of the form {@code aioz_<key id>_<secret>}. Only the SHA-256 of the whole key is stored
 * (it is high-entropy, so no slow hash is needed) and compared in constant time.
 */
@Service
public class ApiKeys {

  static final String PREFIX = "aioz_";
  static final int ID_LENGTH = 16;
  static final int SECRET_LENGTH = 40;
  private static final Pattern KEY =
      Pattern.compile("aioz_([a-z0-9]{" + ID_LENGTH + "})_([A-Za-z0-9]{32,128})");

  private final JdbcTemplate jdbc;
  private final Outbox outbox;
  private final LastUsed lastUsed;
  private final Clock clock;

  ApiKeys(JdbcTemplate jdbc, Outbox outbox, LastUsed lastUsed, Clock clock) {
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.lastUsed = lastUsed;
    this.clock = clock;
  }

  /** A new key and the only time its text exists outside the client. */
  record Created(ApiKey key, String text) {}

  @Transactional
  Created create(
      UUID tenantId, String name, List<String> scopes, Instant expiresAt, String createdBy) {
    String id = Tokens.lowerAlphanumeric(ID_LENGTH);
    String text = PREFIX + id + "_" + Tokens.base62(SECRET_LENGTH);
    byte[] hash = Tokens.sha256(text);
    Instant now = clock.instant();
    jdbc.update(
        "insert into api_key (id, tenant_id, name, scopes, key_hash, created_by, created_at,"
            + " expires_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
        ps -> {
          ps.setString(1, id);
          ps.setObject(2, tenantId);
          ps.setString(3, name);
          ps.setArray(4, ps.getConnection().createArrayOf("text", scopes.toArray()));
          ps.setBytes(5, hash);
          ps.setString(6, createdBy);
          ps.setTimestamp(7, Timestamp.from(now));
          ps.setTimestamp(8, expiresAt == null ? null : Timestamp.from(expiresAt));
        });
    outbox.append(
        ApiKeyEvents.TOPIC,
        tenantId.toString(),
        ApiKeyEvents.CREATED,
        new ApiKeyEvents.ApiKeyCreated(tenantId.toString(), id, name, scopes, createdBy));
    return new Created(
        new ApiKey(id, tenantId, name, scopes, hash, now, expiresAt, null, null), text);
  }

  List<ApiKey> list(UUID tenantId) {
    return jdbc.query(
        "select * from api_key where tenant_id = ? order by created_at, id",
        ApiKeys::row,
        tenantId);
  }

  /** The tenant's key; another tenant's key is as absent as an unknown one. */
  Optional<ApiKey> find(UUID tenantId, String id) {
    return jdbc
        .query("select * from api_key where id = ? and tenant_id = ?", ApiKeys::row, id, tenantId)
        .stream()
        .findFirst();
  }

  /** Revokes the tenant's key; false when it has no such key. Revoking twice is harmless. */
  @Transactional
  boolean revoke(UUID tenantId, String id, String revokedBy) {
    if (find(tenantId, id).isEmpty()) {
      return false;
    }
    int revoked =
        jdbc.update(
            "update api_key set revoked_at = ? where id = ? and tenant_id = ? and revoked_at is null",
            Timestamp.from(clock.instant()),
            id,
            tenantId);
    if (revoked > 0) {
      outbox.append(
          ApiKeyEvents.TOPIC,
          tenantId.toString(),
          ApiKeyEvents.REVOKED,
          new ApiKeyEvents.ApiKeyRevoked(tenantId.toString(), id, revokedBy));
    }
    return true;
  }

  /** Authenticates a key and notes its use. */
  public Authenticated authenticate(String text) throws InvalidCredentialException {
    var matcher = text == null ? null : KEY.matcher(text);
    if (matcher == null || !matcher.matches()) {
      throw new InvalidCredentialException("malformed API key");
    }
    ApiKey key =
        jdbc.query("select * from api_key where id = ?", ApiKeys::row, matcher.group(1)).stream()
            .findFirst()
            .orElseThrow(() -> new InvalidCredentialException("unknown API key"));
    if (!MessageDigest.isEqual(key.keyHash(), Tokens.sha256(text))) {
      throw new InvalidCredentialException("unknown API key");
    }
    if (key.revokedAt() != null) {
      throw new InvalidCredentialException("revoked");
    }
    if (key.expiresAt() != null && !key.expiresAt().isAfter(clock.instant())) {
      throw new InvalidCredentialException("expired");
    }
    lastUsed.touch(key.id());
    return new Authenticated(
        key.id(),
        key.tenantId().toString(),
        key.scopes(),
        Callers.API_KEY,
        key.id(),
        key.expiresAt());
  }

  private static ApiKey row(ResultSet rs, int i) throws SQLException {
    Array scopes = rs.getArray("scopes");
    return new ApiKey(
        rs.getString("id"),
        rs.getObject("tenant_id", UUID.class),
        rs.getString("name"),
        List.copyOf(Arrays.asList((String[]) scopes.getArray())),
        rs.getBytes("key_hash"),
        instant(rs, "created_at"),
        instant(rs, "expires_at"),
        instant(rs, "revoked_at"),
        instant(rs, "last_used_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
