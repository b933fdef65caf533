package network.aioz.gateway.idempotency;

import java.util.Optional;
import network.aioz.gateway.problem.GatewayRejection;

/**
 * The {@code Idempotency-Key} field: a Structured Field string per the draft ({@code "8e03…"}), or
 * for the many clients that send it bare, the same characters without quotes.
 */
final class IdempotencyKey {

  static final String HEADER = "Idempotency-Key";
  static final int MAX_LENGTH = 255;

  private IdempotencyKey() {}

  static Optional<String> parse(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String value = raw.strip();
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
      if (value.contains("\\") || value.contains("\"")) {
        throw invalid();
      }
    }
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw invalid();
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e || c == '"') {
        throw invalid();
      }
    }
    return Optional.of(value);
  }

  private static GatewayRejection invalid() {
    return GatewayRejection.badRequest(
        "invalid-idempotency-key",
        "Idempotency-Key must be 1-" + MAX_LENGTH + " visible ASCII characters, e.g. a UUID.");
  }
}
