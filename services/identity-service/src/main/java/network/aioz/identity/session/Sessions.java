package network.aioz.identity.session;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import network.aioz.identity.support.Authenticated;
import network.aioz.identity.support.Callers;
import network.aioz.identity.support.IdentityProperties;
import network.aioz.identity.support.InvalidCredentialException;
import network.aioz.identity.support.Scopes;
import network.aioz.identity.support.Tokens;
import network.aioz.identity.tenant.Membership;
import network.aioz.identity.tenant.Role;
import network.aioz.identity.tenant.Tenants;
import network.aioz.shared.outbox.Outbox;
import network.aioz.shared.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Wallet sessions. A session is started by a sign-in and lives as long as its refresh tokens are
 * rotated; access tokens are short and checked against the session at every authentication, so
 * revoking the session stops them at once. A refresh token used twice means it leaked: the whole
 * session is revoked.
 */
@Service
public class Sessions {

  private final JdbcTemplate jdbc;
  private final UserTokens tokens;
  private final Tenants tenants;
  private final Outbox outbox;
  private final IdentityProperties settings;
  private final Clock clock;

  Sessions(
      JdbcTemplate jdbc,
      UserTokens tokens,
      Tenants tenants,
      Outbox outbox,
      IdentityProperties settings,
      Clock clock) {
    this.jdbc = jdbc;
    this.tokens = tokens;
    this.tenants = tenants;
    this.outbox = outbox;
    this.settings = settings;
    this.clock = clock;
  }

  /** What a sign-in or a refresh answers. */
  public record Grant(
      String accessToken,
      String tokenType,
      long expiresIn,
      String refreshToken,
      long refreshExpiresIn,
      String tenantId,
      String address,
      String role) {}

  private record SessionRow(UUID id, UUID tenantId, String address, Instant revokedAt) {}

  private record RefreshRow(UUID sessionId, Instant expiresAt, Instant rotatedAt) {}

  /** Starts a session of a member; must join the sign-in's transaction. */
  @Transactional
  public Grant start(Membership member) {
    UUID sessionId = UUID.randomUUID();
    jdbc.update(
        "insert into user_session (id, tenant_id, address, created_at) values (?, ?, ?, ?)",
        sessionId,
        member.tenantId(),
        member.address(),
        Timestamp.from(clock.instant()));
    outbox.append(
        SessionEvents.TOPIC,
        member.tenantId().toString(),
        SessionEvents.STARTED,
        new SessionEvents.SessionStarted(
            member.tenantId().toString(), sessionId.toString(), member.address()));
    return grant(sessionId, member);
  }

  /**
   * Rotates a refresh token. The refusals that revoke the session commit that revocation, hence no
   * rollback for them.
   */
  @Transactional(noRollbackFor = ApiProblem.class)
  public Grant refresh(String refreshToken) {
    if (refreshToken == null || refreshToken.isBlank() || refreshToken.length() > 200) {
      throw ApiProblem.badRequest("refreshToken is required");
    }
    byte[] hash = Tokens.sha256(refreshToken);
    Instant now = clock.instant();
    List<UUID> rotated =
        jdbc.queryForList(
            "update refresh_token set rotated_at = ? where token_hash = ? and rotated_at is null"
                + " and expires_at > ? returning session_id",
            UUID.class,
            Timestamp.from(now),
            hash,
            Timestamp.from(now));
    if (rotated.isEmpty()) {
      RefreshRow row =
          jdbc
              .query(
                  "select session_id, expires_at, rotated_at from refresh_token where token_hash = ?",
                  (rs, i) ->
                      new RefreshRow(
                          rs.getObject("session_id", UUID.class),
                          rs.getTimestamp("expires_at").toInstant(),
                          rs.getTimestamp("rotated_at") == null
                              ? null
                              : rs.getTimestamp("rotated_at").toInstant()),
                  hash)
              .stream()
              .findFirst()
              .orElseThrow(() -> refused("unknown refresh token"));
      if (row.rotatedAt() != null) {
        revoke(row.sessionId(), "refresh-token-reuse");
        throw refused("refresh token was already used; the session is revoked");
      }
      throw refused("refresh token expired");
    }
    SessionRow session = session(rotated.getFirst()).orElseThrow(() -> refused("unknown session"));
    if (session.revokedAt() != null) {
      throw refused("the session is revoked");
    }
    Optional<Membership> member = tenants.membership(session.tenantId(), session.address());
    if (member.isEmpty()) {
      revoke(session.id(), "membership-ended");
      throw refused("the address is no longer a member of the tenant");
    }
    return grant(session.id(), member.get());
  }

  /** Revokes a session (once); its access tokens and refresh tokens stop working. */
  @Transactional
  public boolean revoke(UUID sessionId, String reason) {
    List<SessionRow> revoked =
        jdbc.query(
            "update user_session set revoked_at = ?, revoked_reason = ? where id = ?"
                + " and revoked_at is null returning id, tenant_id, address, revoked_at",
            (rs, i) ->
                new SessionRow(
                    rs.getObject("id", UUID.class),
                    rs.getObject("tenant_id", UUID.class),
                    rs.getString("address"),
                    rs.getTimestamp("revoked_at").toInstant()),
            Timestamp.from(clock.instant()),
            reason,
            sessionId);
    for (SessionRow s : revoked) {
      outbox.append(
          SessionEvents.TOPIC,
          s.tenantId().toString(),
          SessionEvents.REVOKED,
          new SessionEvents.SessionRevoked(
              s.tenantId().toString(), s.id().toString(), s.address(), reason));
    }
    return !revoked.isEmpty();
  }

  /**
   * Signs a wallet out of {@code tenantId}: the session of {@code bearer} or {@code refreshToken}
   * when given (it must be the caller's), else every active session of the wallet in the tenant.
   */
  @Transactional
  public void signOut(UUID tenantId, String address, String bearer, String refreshToken) {
    if (bearer != null) {
      UserTokens.Claims claims;
      try {
        claims = tokens.verify(bearer, true);
      } catch (InvalidCredentialException e) {
        throw ApiProblem.unauthorized(e.getMessage());
      }
      if (!claims.tenantId().equals(tenantId) || !claims.address().equals(address)) {
        throw ApiProblem.forbidden("the bearer token is not the caller's");
      }
      revoke(claims.sessionId(), "sign-out");
      return;
    }
    if (refreshToken != null) {
      UUID sessionId =
          jdbc
              .queryForList(
                  "select r.session_id from refresh_token r join user_session s on s.id ="
                      + " r.session_id where r.token_hash = ? and s.tenant_id = ? and s.address = ?",
                  UUID.class,
                  Tokens.sha256(refreshToken),
                  tenantId,
                  address)
              .stream()
              .findFirst()
              .orElseThrow(() -> ApiProblem.notFound("session of this refresh token"));
      revoke(sessionId, "sign-out");
      return;
    }
    for (UUID sessionId :
        jdbc.queryForList(
            "select id from user_session where tenant_id = ? and address = ? and revoked_at is null",
            UUID.class,
            tenantId,
            address)) {
      revoke(sessionId, "sign-out");
    }
  }

  /**
   * Authenticates a user JWT: valid signature, not expired, its session not revoked and its wallet
   * still a member; the scopes are those of the token that the member's current role still grants.
   */
  public Authenticated authenticate(String bearer) throws InvalidCredentialException {
    UserTokens.Claims claims = tokens.verify(bearer, false);
    SessionRow session =
        session(claims.sessionId())
            .orElseThrow(() -> new InvalidCredentialException("unknown session"));
    if (session.revokedAt() != null) {
      throw new InvalidCredentialException("revoked");
    }
    if (!session.tenantId().equals(claims.tenantId())
        || !session.address().equals(claims.address())) {
      throw new InvalidCredentialException("malformed bearer token: claims do not match session");
    }
    Role role =
        tenants
            .membership(session.tenantId(), session.address())
            .map(Membership::role)
            .orElseThrow(() -> new InvalidCredentialException("revoked: no longer a member"));
    Set<String> scopes = new HashSet<>(claims.scopes());
    scopes.retainAll(role.scopes());
    return new Authenticated(
        session.address(),
        session.tenantId().toString(),
        Scopes.ordered(scopes),
        Callers.SIWE,
        session.id().toString(),
        claims.expiresAt());
  }

  private Grant grant(UUID sessionId, Membership member) {
    Instant now = clock.instant();
    String refresh = "rt_" + Tokens.base62(48);
    Instant refreshExpires = now.plus(settings.refresh().lifetime());
    jdbc.update(
        "insert into refresh_token (token_hash, session_id, created_at, expires_at)"
            + " values (?, ?, ?, ?)",
        Tokens.sha256(refresh),
        sessionId,
        Timestamp.from(now),
        Timestamp.from(refreshExpires));
    UserTokens.Issued access =
        tokens.issue(
            member.address(),
            member.tenantId(),
            sessionId,
            new java.util.LinkedHashSet<>(Scopes.ordered(member.role().scopes())));
    return new Grant(
        access.token(),
        "Bearer",
        settings.jwt().lifetime().toSeconds(),
        refresh,
        settings.refresh().lifetime().toSeconds(),
        member.tenantId().toString(),
        member.address(),
        member.role().value());
  }

  private Optional<SessionRow> session(UUID id) {
    return jdbc
        .query(
            "select id, tenant_id, address, revoked_at from user_session where id = ?",
            (rs, i) ->
                new SessionRow(
                    rs.getObject("id", UUID.class),
                    rs.getObject("tenant_id", UUID.class),
                    rs.getString("address"),
                    rs.getTimestamp("revoked_at") == null
                        ? null
                        : rs.getTimestamp("revoked_at").toInstant()),
            id)
        .stream()
        .findFirst();
  }

  private static ApiProblem refused(String detail) {
    return new ApiProblem(HttpStatus.UNAUTHORIZED, "refresh-invalid", "Refresh refused", detail);
  }
}
