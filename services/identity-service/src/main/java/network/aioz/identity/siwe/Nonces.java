package network.aioz.identity.siwe;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import network.aioz.identity.support.IdentityProperties;
import network.aioz.identity.support.Tokens;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sign-in nonces, kept in the database so that every replica knows them. A nonce is consumed by
 * deleting its row: of two concurrent sign-ins with one nonce exactly one deletes it.
 */
@Component
class Nonces {

  static final int LENGTH = 24;

  private final JdbcTemplate jdbc;
  private final IdentityProperties.Siwe settings;
  private final Clock clock;

  Nonces(JdbcTemplate jdbc, IdentityProperties settings, Clock clock) {
    this.jdbc = jdbc;
    this.settings = settings.siwe();
    this.clock = clock;
  }

  record Issued(String nonce, Instant expiresAt) {}

  enum Consumed {
    OK,
    UNKNOWN,
    EXPIRED
  }

  Issued issue() {
    String nonce = Tokens.base62(LENGTH);
    Instant expires = clock.instant().plus(settings.nonceTtl());
    jdbc.update(
        "insert into siwe_nonce (nonce, expires_at) values (?, ?)", nonce, Timestamp.from(expires));
    return new Issued(nonce, expires);
  }

  Consumed consume(String nonce) {
    List<Timestamp> expiry =
        jdbc.queryForList(
            "delete from siwe_nonce where nonce = ? returning expires_at", Timestamp.class, nonce);
    if (expiry.isEmpty()) {
      return Consumed.UNKNOWN;
    }
    return expiry.getFirst().toInstant().isAfter(clock.instant()) ? Consumed.OK : Consumed.EXPIRED;
  }

  @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
  void purgeExpired() {
    jdbc.update("delete from siwe_nonce where expires_at < ?", Timestamp.from(clock.instant()));
  }
}
