package network.aioz.shared.identity;

/**
 * The wire format of the internal identity token.
 *
 * <p>A compact JWS signed with ES256 (ECDSA P-256, SHA-256), header {@code typ} = {@value #TYPE},
 * claims: {@code iss} (the gateway, {@value #DEFAULT_ISSUER}), {@code sub}, {@code tenant}, {@code
 * scope} (space-separated), {@code amr} (authentication method), {@code iat}, {@code exp} (at most
 * {@link #MAX_LIFETIME_SECONDS} after {@code iat}) and {@code jti}. It travels in the {@value
 * #HEADER} header. Once the gateway issues tokens (the identity issue) it replaces any such header
 * a client sends; until then the local stack's development key signs them for tests and scripts.
 */
public final class InternalTokens {

  public static final String HEADER = "X-Platform-Identity";
  public static final String TYPE = "aioz-identity+jwt";
  public static final String DEFAULT_ISSUER = "aioz-gateway";
  public static final long MAX_LIFETIME_SECONDS = 300;

  static final String TENANT_CLAIM = "tenant";
  static final String SCOPE_CLAIM = "scope";
  static final String AUTH_METHOD_CLAIM = "amr";

  private InternalTokens() {}
}
