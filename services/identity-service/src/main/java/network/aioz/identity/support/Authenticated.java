package network.aioz.identity.support;

import java.time.Instant;
import java.util.List;

/**
 * A credential that authenticated, as the gateway receives it.
 *
 * @param subject the key id or the wallet address
 * @param tenantId the tenant it acts for
 * @param scopes what it may do
 * @param authMethod {@code api-key} or {@code siwe}
 * @param credentialId the key id or the session id
 * @param expiresAt when the credential stops working, or null when it does not expire
 */
public record Authenticated(
    String subject,
    String tenantId,
    List<String> scopes,
    String authMethod,
    String credentialId,
    Instant expiresAt) {}
