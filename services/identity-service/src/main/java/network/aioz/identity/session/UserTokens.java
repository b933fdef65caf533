package network.aioz.identity.session;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPublicKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import network.aioz.identity.support.IdentityProperties;
import network.aioz.identity.support.InvalidCredentialException;
import network.aioz.shared.identity.PemKeys;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.springframework.stereotype.Component;

/**
 * Signs and verifies user JWTs: ES256, {@code iss} and {@code aud} from the settings, claims {@code
 * sub} (wallet address), {@code tenant}, {@code sid} (session id) and {@code scope}.
 */
@Component
public class UserTokens {

  static final String TENANT = "tenant";
  static final String SESSION = "sid";
  static final String SCOPE = "scope";
  private static final Duration SKEW = Duration.ofSeconds(5);

  private final ECDSASigner signer;
  private final ECDSAVerifier verifier;
  private final ECKey publicJwk;
  private final IdentityProperties.Jwt settings;
  private final Clock clock;

  UserTokens(IdentityProperties properties, Clock clock) {
    this.settings = properties.jwt();
    this.clock = clock;
    ECPrivateKey key;
    try {
      key = PemKeys.privateKey(settings.privateKey());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "identity.jwt.private-key (env IDENTITY_JWT_PRIVATE_KEY) is not a PKCS#8 EC private key"
              + " PEM");
    }
    if (!Curve.P_256.equals(Curve.forECParameterSpec(key.getParams()))) {
      throw new IllegalStateException("identity.jwt.private-key must be a P-256 key");
    }
    ECPublicKey publicKey = publicKeyOf(key);
    try {
      this.signer = new ECDSASigner(key);
      this.verifier = new ECDSAVerifier(publicKey);
      this.publicJwk =
          new ECKey.Builder(Curve.P_256, publicKey)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.ES256)
              .keyIDFromThumbprint()
              .build();
    } catch (JOSEException e) {
      throw new IllegalStateException("identity.jwt.private-key is not usable for ES256", e);
    }
  }

  /** A signed access token and when it expires. */
  public record Issued(String token, Instant expiresAt) {}

  /** What a verified token says. */
  public record Claims(
      String address, UUID tenantId, UUID sessionId, Set<String> scopes, Instant expiresAt) {}

  Issued issue(String address, UUID tenantId, UUID sessionId, Set<String> scopes) {
    Instant now = clock.instant();
    Instant expires = now.plus(settings.lifetime());
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(settings.issuer())
            .audience(settings.audience())
            .subject(address)
            .claim(TENANT, tenantId.toString())
            .claim(SESSION, sessionId.toString())
            .claim(SCOPE, String.join(" ", scopes))
            .issueTime(Date.from(now))
            .expirationTime(Date.from(expires))
            .jwtID(UUID.randomUUID().toString())
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(JOSEObjectType.JWT)
                .keyID(publicJwk.getKeyID())
                .build(),
            claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a user token", e);
    }
    return new Issued(jwt.serialize(), expires);
  }

  /**
   * Verifies signature, issuer, audience and, unless {@code allowExpired}, expiry.
   *
   * @throws InvalidCredentialException malformed, wrong signature or expired
   */
  Claims verify(String token, boolean allowExpired) throws InvalidCredentialException {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException | RuntimeException e) {
      throw new InvalidCredentialException("malformed bearer token");
    }
    if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
      throw new InvalidCredentialException("wrong signature: only ES256 tokens are accepted");
    }
    try {
      if (!jwt.verify(verifier)) {
        throw new InvalidCredentialException("wrong signature");
      }
    } catch (JOSEException e) {
      throw new InvalidCredentialException("wrong signature");
    }
    if (!settings.issuer().equals(claims.getIssuer())
        || claims.getAudience() == null
        || !claims.getAudience().contains(settings.audience())) {
      throw new InvalidCredentialException("malformed bearer token: wrong issuer or audience");
    }
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      throw new InvalidCredentialException("malformed bearer token: no expiry");
    }
    if (!allowExpired && exp.toInstant().plus(SKEW).isBefore(clock.instant())) {
      throw new InvalidCredentialException("expired");
    }
    try {
      String scope = claims.getStringClaim(SCOPE);
      return new Claims(
          claims.getSubject(),
          UUID.fromString(claims.getStringClaim(TENANT)),
          UUID.fromString(claims.getStringClaim(SESSION)),
          scope == null || scope.isBlank()
              ? Set.of()
              : new LinkedHashSet<>(Arrays.asList(scope.split(" "))),
          exp.toInstant());
    } catch (ParseException | RuntimeException e) {
      throw new InvalidCredentialException("malformed bearer token: bad claims");
    }
  }

  /** The JWKS document with the one public key that verifies user tokens. */
  Map<String, Object> jwks() {
    return new JWKSet(publicJwk).toJSONObject(true);
  }

  private static ECPublicKey publicKeyOf(ECPrivateKey key) {
    ECNamedCurveParameterSpec curve = ECNamedCurveTable.getParameterSpec("secp256r1");
    org.bouncycastle.math.ec.ECPoint q = curve.getG().multiply(key.getS()).normalize();
    try {
      return (ECPublicKey)
          KeyFactory.getInstance("EC")
              .generatePublic(
                  new ECPublicKeySpec(
                      new java.security.spec.ECPoint(
                          q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()),
                      key.getParams()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot derive the public key of identity.jwt.private-key", e);
    }
  }
}
