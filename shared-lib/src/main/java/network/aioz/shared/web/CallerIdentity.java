package network.aioz.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import network.aioz.shared.identity.InternalIdentity;
import network.aioz.shared.identity.InternalTokenVerifier;
import network.aioz.shared.identity.InternalTokens;
import network.aioz.shared.identity.InvalidInternalTokenException;
import network.aioz.shared.identity.PemKeys;

/**
 * Establishes who calls a service-facing endpoint from the gateway's internal identity token
 * ({@code X-Platform-Identity}); a service trusts nothing else. Refusals are {@link ApiProblem}s:
 * 401 without a valid token, 403 without the scope.
 */
public class CallerIdentity {

  /** How far the service's clock may be behind the gateway's. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

  private final InternalTokenVerifier verifier;

  /**
   * @param publicKeyPem the gateway's P-256 public key (PEM), from {@code
   *     platform.identity.public-key}
   * @throws IllegalStateException when the key is missing, so a misconfigured service stops at
   *     startup instead of refusing every call
   */
  public CallerIdentity(String publicKeyPem, String issuer, Clock clock) {
    if (publicKeyPem == null || publicKeyPem.isBlank()) {
      throw new IllegalStateException(
          "platform.identity.public-key (env PLATFORM_IDENTITY_PUBLIC_KEY) must hold the gateway's public key PEM");
    }
    this.verifier =
        new InternalTokenVerifier(PemKeys.publicKey(publicKeyPem), issuer, CLOCK_SKEW, clock);
  }

  /** The caller, who must hold {@code scope}; 401 without a valid token, 403 without the scope. */
  public InternalIdentity require(HttpServletRequest request, String scope) {
    InternalIdentity identity;
    try {
      identity = verifier.verify(request.getHeader(InternalTokens.HEADER));
    } catch (InvalidInternalTokenException e) {
      throw ApiProblem.unauthorized(e.getMessage());
    }
    if (!identity.hasScope(scope)) {
      throw ApiProblem.forbidden("this credential lacks the scope " + scope);
    }
    return identity;
  }
}
