package network.aioz.shared.identity;

import java.time.Instant;
import java.util.Set;

/**
 * Who is calling, as the gateway established it.
 *
 * @param subject the authenticated principal (a wallet address, an API key id, an access key id or
 *     a service name)
 * @param tenantId the tenant the request acts for
 * @param scopes what the credential may do, e.g. {@code ledger:write}
 * @param authMethod how the gateway authenticated the caller: {@code siwe}, {@code api-key}, {@code
 *     sigv4}, {@code service}
 * @param tokenId a unique id of this token, for audit logs
 */
public record InternalIdentity(
    String subject,
    String tenantId,
    Set<String> scopes,
    String authMethod,
    Instant issuedAt,
    Instant expiresAt,
    String tokenId) {

  public InternalIdentity {
    scopes = Set.copyOf(scopes);
  }

  public boolean hasScope(String scope) {
    return scopes.contains(scope);
  }
}
