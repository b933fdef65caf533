package network.aioz.gateway.identity;

import java.util.List;
import java.util.Optional;
import network.aioz.gateway.problem.GatewayRejection;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The credential a platform API request presents: {@code Authorization: Bearer <session JWT>},
 * {@code Authorization: Bearer aioz_…} or {@code X-API-Key: aioz_…} (an API key).
 *
 * @param kind {@code apiKey} or {@code bearer}: the field identity-service reads it from
 */
record Credential(String kind, String value) {

  static final String API_KEY_HEADER = "X-API-Key";
  static final String API_KEY_PREFIX = "aioz_";
  private static final int MAX_LENGTH = 4096;

  /** Never prints the secret: credentials end up in logs through exceptions and debuggers. */
  @Override
  public String toString() {
    return "Credential[" + kind + "]";
  }

  /**
   * The request's credential, empty when it has none.
   *
   * @throws GatewayRejection 401 for a malformed or unsupported credential, 400 for two at once
   */
  static Optional<Credential> of(ServerHttpRequest request) {
    HttpHeaders headers = request.getHeaders();
    List<String> authorizations = headers.getOrEmpty(HttpHeaders.AUTHORIZATION);
    List<String> apiKeys = headers.getOrEmpty(API_KEY_HEADER);
    if (authorizations.size() + apiKeys.size() > 1) {
      throw GatewayRejection.badRequest(
          "ambiguous-credentials",
          "Send one credential: a single Authorization header or a single X-API-Key header.");
    }
    if (!apiKeys.isEmpty()) {
      String key = wellFormed(apiKeys.getFirst(), "X-API-Key");
      if (!key.startsWith(API_KEY_PREFIX)) {
        throw GatewayRejection.unauthenticated("X-API-Key does not hold a platform API key.");
      }
      return Optional.of(new Credential("apiKey", key));
    }
    if (authorizations.isEmpty()) {
      return Optional.empty();
    }
    String authorization = authorizations.getFirst().strip();
    int space = authorization.indexOf(' ');
    String scheme = space < 0 ? authorization : authorization.substring(0, space);
    if (!scheme.equalsIgnoreCase("Bearer")) {
      throw GatewayRejection.unauthenticated(
          "Unsupported authorization scheme; use Bearer with a session token or an API key.");
    }
    String token = wellFormed(space < 0 ? "" : authorization.substring(space + 1), "Bearer");
    return Optional.of(
        token.startsWith(API_KEY_PREFIX)
            ? new Credential("apiKey", token)
            : new Credential("bearer", token));
  }

  private static String wellFormed(String raw, String where) {
    String value = raw.strip();
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw GatewayRejection.unauthenticated("The " + where + " credential is empty or too long.");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw GatewayRejection.unauthenticated(
            "The " + where + " credential holds characters no credential has.");
      }
    }
    return value;
  }
}
