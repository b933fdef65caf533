package network.aioz.identity.apikey;

import java.util.List;

/** Facts about API keys, published on {@value #TOPIC} (key = tenant id); never the key. */
final class ApiKeyEvents {

  static final String TOPIC = "identity.credential";
  static final String CREATED = "network.aioz.identity.ApiKeyCreated";
  static final String REVOKED = "network.aioz.identity.ApiKeyRevoked";

  private ApiKeyEvents() {}

  record ApiKeyCreated(
      String tenantId, String keyId, String name, List<String> scopes, String createdBy) {}

  record ApiKeyRevoked(String tenantId, String keyId, String revokedBy) {}
}
