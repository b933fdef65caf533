package network.aioz.shared.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies internal identity tokens with the gateway's public key; every service holds one.
 *
 * <p>The gateway reuses a caller's token for a few seconds, so a token whose signature and claims
 * were checked once is remembered, by its exact text, until it expires: a repeat costs a map lookup
 * and an expiry check instead of a parse and an ECDSA verification. Only tokens that passed every
 * check are remembered, at most {@value #REMEMBERED} at a time.
 */
public final class InternalTokenVerifier {

  static final int REMEMBERED = 10_000;

  private final ConcurrentHashMap<String, InternalIdentity> verified = new ConcurrentHashMap<>();
  private final ECDSAVerifier verifier;
  private final String issuer;
  private final Duration clockSkew;
  private final Clock clock;

  public InternalTokenVerifier(ECPublicKey key, String issuer, Duration clockSkew, Clock clock) {
    try {
      this.verifier = new ECDSAVerifier(key);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("not a P-256 key", e);
    }
    this.issuer = issuer;
    this.clockSkew = clockSkew;
    this.clock = clock;
  }

  public InternalIdentity verify(String token) throws InvalidInternalTokenException {
    if (token == null || token.isBlank()) {
      throw new InvalidInternalTokenException("no identity token");
    }
    String text = token.strip();
    InternalIdentity known = verified.get(text);
    if (known != null) {
      if (clock.instant().isAfter(known.expiresAt().plus(clockSkew))) {
        verified.remove(text);
        throw new InvalidInternalTokenException("identity token expired");
      }
      return known;
    }
    InternalIdentity identity = check(text);
    if (verified.size() >= REMEMBERED) {
      Instant now = clock.instant();
      verified.values().removeIf(id -> now.isAfter(id.expiresAt().plus(clockSkew)));
      if (verified.size() >= REMEMBERED) {
        verified.clear();
      }
    }
    verified.put(text, identity);
    return identity;
  }

  private InternalIdentity check(String token) throws InvalidInternalTokenException {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new InvalidInternalTokenException("identity token is malformed", e);
    }
    if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())
        || !new JOSEObjectType(InternalTokens.TYPE).equals(jwt.getHeader().getType())) {
      throw new InvalidInternalTokenException("identity token has the wrong algorithm or type");
    }
    try {
      if (!jwt.verify(verifier)) {
        throw new InvalidInternalTokenException("identity token signature is not the gateway's");
      }
    } catch (JOSEException e) {
      throw new InvalidInternalTokenException("identity token signature cannot be checked", e);
    }
    if (!issuer.equals(claims.getIssuer())) {
      throw new InvalidInternalTokenException("identity token has the wrong issuer");
    }
    Instant now = clock.instant();
    Instant issuedAt = instant(claims.getIssueTime(), "iat");
    Instant expiresAt = instant(claims.getExpirationTime(), "exp");
    if (now.isAfter(expiresAt.plus(clockSkew))) {
      throw new InvalidInternalTokenException("identity token expired");
    }
    if (issuedAt.isAfter(now.plus(clockSkew))) {
      throw new InvalidInternalTokenException("identity token is issued in the future");
    }
    if (Duration.between(issuedAt, expiresAt).toSeconds() > InternalTokens.MAX_LIFETIME_SECONDS) {
      throw new InvalidInternalTokenException("identity token lives longer than allowed");
    }
    try {
      String subject = claims.getSubject();
      String tenant = claims.getStringClaim(InternalTokens.TENANT_CLAIM);
      String scope = claims.getStringClaim(InternalTokens.SCOPE_CLAIM);
      String method = claims.getStringClaim(InternalTokens.AUTH_METHOD_CLAIM);
      if (subject == null || tenant == null || method == null || claims.getJWTID() == null) {
        throw new InvalidInternalTokenException("identity token lacks a required claim");
      }
      Set<String> scopes = new LinkedHashSet<>();
      if (scope != null && !scope.isBlank()) {
        scopes.addAll(Arrays.asList(scope.trim().split(" +")));
      }
      return new InternalIdentity(
          subject, tenant, scopes, method, issuedAt, expiresAt, claims.getJWTID());
    } catch (ParseException e) {
      throw new InvalidInternalTokenException("identity token has a malformed claim", e);
    }
  }

  private static Instant instant(Date date, String claim) throws InvalidInternalTokenException {
    if (date == null) {
      throw new InvalidInternalTokenException("identity token lacks " + claim);
    }
    return date.toInstant();
  }
}
