package network.aioz.webhook.delivery;

import java.time.Duration;

/**
 * What one attempt achieved.
 *
 * @param statusCode the endpoint's HTTP status, or null when no response arrived
 * @param responseBody the first KiB of the response body
 * @param durationMillis from sending to having read the status and body
 * @param error why no usable response arrived: {@code unsafe-address}, {@code timeout}, {@code
 *     connection-failed: ...}; null when the endpoint answered
 * @param retryAfter the endpoint's {@code Retry-After}, when it gave one
 */
record Outcome(
    Integer statusCode,
    String responseBody,
    long durationMillis,
    String error,
    Duration retryAfter) {

  boolean succeeded() {
    return statusCode != null && statusCode >= 200 && statusCode < 300;
  }
}
