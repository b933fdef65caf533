package network.aioz.gateway.identity;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who sent a request, as identity-service vouched for it.
 *
 * @param subject the wallet address or API key id
 * @param credentialId the API key id or the sign-in session id: what per-key limits count against
 * @param authMethod {@code siwe} or {@code api-key}
 * @param expiresAt when the credential itself expires, or null
 */
public record Caller(
    String subject,
    String tenantId,
    Set<String> scopes,
    String authMethod,
    String credentialId,
    Instant expiresAt) {

  static final String ATTRIBUTE = Caller.class.getName();

  public Caller {
    scopes = Set.copyOf(scopes);
  }

  /** The authenticated caller of this exchange, if the request carried a valid credential. */
  public static Optional<Caller> of(ServerWebExchange exchange) {
    return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
  }
}
