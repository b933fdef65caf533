package network.aioz.shared.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

/** Signs internal identity tokens; the gateway holds the only production instance. */
public final class InternalTokenIssuer {

  private final ECDSASigner signer;
  private final String issuer;
  private final Duration lifetime;
  private final Clock clock;

  public InternalTokenIssuer(ECPrivateKey key, String issuer, Duration lifetime, Clock clock) {
    if (lifetime.isNegative()
        || lifetime.isZero()
        || lifetime.toSeconds() > InternalTokens.MAX_LIFETIME_SECONDS) {
      throw new IllegalArgumentException(
          "token lifetime must be between 1 and " + InternalTokens.MAX_LIFETIME_SECONDS + " s");
    }
    try {
      this.signer = new ECDSASigner(key);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("not a P-256 key", e);
    }
    this.issuer = issuer;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  public String issue(String subject, String tenantId, Set<String> scopes, String authMethod) {
    Instant now = clock.instant();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject(subject)
            .claim(InternalTokens.TENANT_CLAIM, tenantId)
            .claim(InternalTokens.SCOPE_CLAIM, String.join(" ", scopes))
            .claim(InternalTokens.AUTH_METHOD_CLAIM, authMethod)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(lifetime)))
            .jwtID(UUID.randomUUID().toString())
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType(InternalTokens.TYPE))
                .build(),
            claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign the internal token", e);
    }
    return jwt.serialize();
  }
}
