package network.aioz.identity.s3key;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import network.aioz.identity.support.Tokens;
import network.aioz.shared.outbox.Outbox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * S3 access key pairs: {@code AKAZ} + 16 base32 characters, and a 40-character secret that SigV4
 * needs in clear on the verifying side, hence encrypted rather than hashed.
 */
@Service
class S3Keys {

  static final String PREFIX = "AKAZ";

  private final JdbcTemplate jdbc;
  private final SecretCipher cipher;
  private final Outbox outbox;
  private final Clock clock;

  S3Keys(JdbcTemplate jdbc, SecretCipher cipher, Outbox outbox, Clock clock) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.outbox = outbox;
    this.clock = clock;
  }

  record Created(S3Key key, String secret) {}

  @Transactional
  Created create(UUID tenantId, String name, String createdBy) {
    String accessKeyId = PREFIX + Tokens.base32(16);
    // 30 random bytes are exactly 40 base64 characters, the length of an AWS secret
    String secret = Base64.getEncoder().encodeToString(Tokens.randomBytes(30));
    SecretCipher.Sealed sealed = cipher.seal(accessKeyId, secret);
    Instant now = clock.instant();
    jdbc.update(
        "insert into s3_key (access_key_id, tenant_id, name, secret_iv, secret_ciphertext,"
            + " created_by, created_at) values (?, ?, ?, ?, ?, ?, ?)",
        accessKeyId,
        tenantId,
        name,
        sealed.iv(),
        sealed.ciphertext(),
        createdBy,
        Timestamp.from(now));
    outbox.append(
        S3KeyEvents.TOPIC,
        tenantId.toString(),
        S3KeyEvents.CREATED,
        new S3KeyEvents.S3KeyCreated(tenantId.toString(), accessKeyId, name, createdBy));
    return new Created(new S3Key(accessKeyId, tenantId, name, sealed, now, null), secret);
  }

  List<S3Key> list(UUID tenantId) {
    return jdbc.query(
        "select * from s3_key where tenant_id = ? order by created_at, access_key_id",
        S3Keys::row,
        tenantId);
  }

  @Transactional
  boolean revoke(UUID tenantId, String accessKeyId, String revokedBy) {
    List<String> owned =
        jdbc.queryForList(
            "select access_key_id from s3_key where access_key_id = ? and tenant_id = ?",
            String.class,
            accessKeyId,
            tenantId);
    if (owned.isEmpty()) {
      return false;
    }
    int revoked =
        jdbc.update(
            "update s3_key set revoked_at = ? where access_key_id = ? and revoked_at is null",
            Timestamp.from(clock.instant()),
            accessKeyId);
    if (revoked > 0) {
      outbox.append(
          S3KeyEvents.TOPIC,
          tenantId.toString(),
          S3KeyEvents.REVOKED,
          new S3KeyEvents.S3KeyRevoked(tenantId.toString(), accessKeyId, revokedBy));
    }
    return true;
  }

  /** An active key with its secret in clear, for the storage service's SigV4 checks. */
  Optional<Resolved> resolve(String accessKeyId) {
    return jdbc
        .query(
            "select * from s3_key where access_key_id = ? and revoked_at is null",
            S3Keys::row,
            accessKeyId)
        .stream()
        .findFirst()
        .map(
            k ->
                new Resolved(
                    k.accessKeyId(),
                    cipher.open(k.accessKeyId(), k.secret()),
                    k.tenantId().toString()));
  }

  record Resolved(String accessKeyId, String secretAccessKey, String tenantId) {}

  private static S3Key row(ResultSet rs, int i) throws SQLException {
    Timestamp revoked = rs.getTimestamp("revoked_at");
    return new S3Key(
        rs.getString("access_key_id"),
        rs.getObject("tenant_id", UUID.class),
        rs.getString("name"),
        new SecretCipher.Sealed(rs.getBytes("secret_iv"), rs.getBytes("secret_ciphertext")),
        rs.getTimestamp("created_at").toInstant(),
        revoked == null ? null : revoked.toInstant());
  }
}
