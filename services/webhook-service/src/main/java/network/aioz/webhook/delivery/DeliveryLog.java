package network.aioz.webhook.delivery;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the delivery log shows a tenant. */
final class DeliveryLog {

  private DeliveryLog() {}

  /** One delivery of a message to the endpoint (a replay is another one). */
  record MessageEntry(
      String id,
      UUID deliveryId,
      String type,
      String status,
      int attempts,
      Instant nextAttemptAt,
      Integer lastStatusCode,
      Instant createdAt,
      @JsonIgnore long seq) {}

  /** One attempt; {@code response} is the first KiB of the response body. */
  record AttemptEntry(
      @JsonIgnore long seq,
      String messageId,
      UUID deliveryId,
      int attempt,
      Integer statusCode,
      String response,
      long durationMs,
      String error,
      Instant attemptedAt) {}

  /** A page, newest first; {@code nextCursor} fetches the next one (null on the last page). */
  record Page<T>(List<T> items, String nextCursor) {}
}
