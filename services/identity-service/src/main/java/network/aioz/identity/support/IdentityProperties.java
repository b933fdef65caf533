package network.aioz.identity.support;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the identity service. The two secrets come from the environment and the service does
 * not start without them; {@code toString} never prints them.
 *
 * @param jwt user JWTs
 * @param refresh refresh tokens
 * @param siwe Sign-In with Ethereum
 * @param s3 S3 access keys
 * @param apiKeys API keys
 */
@ConfigurationProperties("identity")
public record IdentityProperties(
    Jwt jwt,
    @DefaultValue Refresh refresh,
    @DefaultValue Siwe siwe,
    S3 s3,
    @DefaultValue ApiKeys apiKeys) {

  public IdentityProperties {
    if (jwt == null) {
      jwt = new Jwt(null, Duration.ofMinutes(15), "aioz-identity", "aioz-api");
    }
    if (s3 == null) {
      s3 = new S3(null);
    }
  }

  /**
   * @param privateKey P-256 PKCS#8 PEM that signs user JWTs (env {@code IDENTITY_JWT_PRIVATE_KEY})
   * @param lifetime how long an access token is valid
   * @param issuer the {@code iss} of user JWTs
   * @param audience the {@code aud} of user JWTs
   */
  public record Jwt(
      String privateKey,
      @DefaultValue("PT15M") Duration lifetime,
      @DefaultValue("aioz-identity") String issuer,
      @DefaultValue("aioz-api") String audience) {

    public Jwt {
      if (privateKey == null || privateKey.isBlank()) {
        throw new IllegalStateException(
            "identity.jwt.private-key (env IDENTITY_JWT_PRIVATE_KEY) must hold the P-256 PKCS#8"
                + " PEM that signs user JWTs");
      }
      positive(lifetime, "identity.jwt.lifetime");
    }

    @Override
    public String toString() {
      return "Jwt[privateKey=<redacted>, lifetime=%s, issuer=%s, audience=%s]"
          .formatted(lifetime, issuer, audience);
    }
  }

  /**
   * @param lifetime how long a refresh token is valid after it was issued
   */
  public record Refresh(@DefaultValue("P30D") Duration lifetime) {
    public Refresh {
      positive(lifetime, "identity.refresh.lifetime");
    }
  }

  /**
   * @param nonceTtl how long an issued nonce may be used
   * @param domains the domains (RFC 3986 authorities) a message may be for
   * @param uris the origins a message's URI may have; when empty it must be on the message's domain
   * @param chainIds the chains a message may name
   * @param clockSkew how far in the future a message's issued-at may be
   * @param rpcUrl JSON-RPC endpoint for ERC-1271 checks of contract wallets; none when blank
   * @param rpcTimeout deadline of one JSON-RPC call
   */
  public record Siwe(
      @DefaultValue("PT5M") Duration nonceTtl,
      @DefaultValue("localhost") List<String> domains,
      @DefaultValue List<String> uris,
      @DefaultValue({"168", "4102", "31337"}) Set<Long> chainIds,
      @DefaultValue("PT30S") Duration clockSkew,
      String rpcUrl,
      @DefaultValue("PT5S") Duration rpcTimeout) {

    public Siwe {
      positive(nonceTtl, "identity.siwe.nonce-ttl");
      domains = List.copyOf(domains);
      uris = uris.stream().filter(u -> !u.isBlank()).map(Siwe::origin).toList();
      chainIds = Set.copyOf(chainIds);
    }

    /** The origin ({@code scheme://host[:port]}) of a URI, lower-case. */
    public static String origin(String uri) {
      URI parsed = URI.create(uri.strip());
      if (parsed.getScheme() == null || parsed.getRawAuthority() == null) {
        throw new IllegalArgumentException("'" + uri + "' has no scheme and authority");
      }
      return (parsed.getScheme() + "://" + parsed.getRawAuthority()).toLowerCase();
    }

    public boolean hasRpc() {
      return rpcUrl != null && !rpcUrl.isBlank();
    }
  }

  /**
   * @param masterKey base64 of the 32-byte AES key (env {@code IDENTITY_S3_MASTER_KEY})
   */
  public record S3(String masterKey) {

    public S3 {
      String hint =
          "identity.s3.master-key (env IDENTITY_S3_MASTER_KEY) must hold base64 of 32 random bytes";
      if (masterKey == null || masterKey.isBlank()) {
        throw new IllegalStateException(hint);
      }
      byte[] key;
      try {
        key = Base64.getDecoder().decode(masterKey.strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(hint + " (it is not base64)");
      }
      if (key.length != 32) {
        throw new IllegalStateException(hint + " (it decodes to " + key.length + " bytes)");
      }
    }

    public byte[] masterKeyBytes() {
      return Base64.getDecoder().decode(masterKey.strip());
    }

    @Override
    public String toString() {
      return "S3[masterKey=<redacted>]";
    }
  }

  /**
   * @param lastUsedFlush how often recorded uses of API keys are written
   * @param lastUsedGranularity at most one write of a key's last use per this period
   */
  public record ApiKeys(
      @DefaultValue("PT10S") Duration lastUsedFlush,
      @DefaultValue("PT1M") Duration lastUsedGranularity) {}

  private static void positive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalStateException(name + " must be a positive duration");
    }
  }
}
