package network.aioz.proof.support;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import network.aioz.shared.identity.InternalIdentity;
import network.aioz.shared.identity.InternalTokenVerifier;
import network.aioz.shared.identity.InternalTokens;
import network.aioz.shared.identity.InvalidInternalTokenException;
import network.aioz.shared.identity.PemKeys;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Establishes who calls a service-facing endpoint from the gateway's internal identity token; the
 * service trusts nothing else.
 */
@Component
public class CallerIdentity {

  private final InternalTokenVerifier verifier;

  public CallerIdentity(
      @Value("${platform.identity.public-key:}") String publicKeyPem,
      @Value("${platform.identity.issuer:" + InternalTokens.DEFAULT_ISSUER + "}") String issuer,
      Clock clock) {
    if (publicKeyPem == null || publicKeyPem.isBlank()) {
      throw new IllegalStateException(
          "platform.identity.public-key (env PLATFORM_IDENTITY_PUBLIC_KEY) must hold the gateway's public key PEM");
    }
    this.verifier =
        new InternalTokenVerifier(
            PemKeys.publicKey(publicKeyPem), issuer, Duration.ofSeconds(5), clock);
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
