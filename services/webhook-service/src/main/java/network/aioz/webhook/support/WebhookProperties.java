package network.aioz.webhook.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the webhook service.
 *
 * @param topics the Kafka topics whose events may become webhooks
 * @param eventTypes CloudEvent type to public webhook type (keys with dots are written {@code
 *     "[network.aioz.storage.ObjectCreated]"} in YAML)
 * @param secretOverlap how long a rotated-out secret keeps signing next to the new one
 * @param disableAfter an endpoint that has only failed for this long since its last success is
 *     disabled
 * @param delivery how messages are sent
 */
@ConfigurationProperties("webhook")
public record WebhookProperties(
    @DefaultValue("storage.object,identity.credential,webhook.endpoint,billing.account")
        List<String> topics,
    Map<String, String> eventTypes,
    @DefaultValue("PT24H") Duration secretOverlap,
    @DefaultValue("P5D") Duration disableAfter,
    @DefaultValue Delivery delivery) {

  public WebhookProperties {
    eventTypes = eventTypes == null ? Map.of() : Map.copyOf(eventTypes);
  }

  /**
   * How messages are sent.
   *
   * @param timeout one attempt, from connecting to having read the status: success is a 2xx within
   *     it
   * @param allowHttp accept {@code http://} endpoints (local development and tests only)
   * @param allowLoopback let deliveries reach loopback addresses, and only those (local stack and
   *     tests)
   * @param schedule the wait before each retry; its length is the number of retries
   * @param jitterMin smallest fraction by which each wait is randomly lengthened or shortened
   * @param jitterMax largest such fraction
   * @param maxRetryAfter cap on an endpoint's {@code Retry-After}
   * @param pollInterval how often the workers look for due deliveries when nothing woke them
   * @param batchSize deliveries claimed per round
   * @param concurrency deliveries in flight at once (each on its own virtual thread)
   * @param maxConnections pooled keep-alive connections in total
   * @param maxConnectionsPerHost pooled connections per endpoint host
   * @param userAgent the {@code User-Agent} of every delivery
   */
  public record Delivery(
      @DefaultValue("PT15S") Duration timeout,
      @DefaultValue("false") boolean allowHttp,
      @DefaultValue("false") boolean allowLoopback,
      @DefaultValue("5s,5m,30m,2h,5h,10h,14h,20h,24h") List<Duration> schedule,
      @DefaultValue("0.1") double jitterMin,
      @DefaultValue("0.2") double jitterMax,
      @DefaultValue("PT24H") Duration maxRetryAfter,
      @DefaultValue("200ms") Duration pollInterval,
      @DefaultValue("256") int batchSize,
      @DefaultValue("256") int concurrency,
      @DefaultValue("512") int maxConnections,
      @DefaultValue("64") int maxConnectionsPerHost,
      @DefaultValue("aioz-webhooks/1.0") String userAgent) {

    public Delivery {
      if (jitterMin < 0 || jitterMax < jitterMin || jitterMax >= 1) {
        throw new IllegalArgumentException(
            "webhook.delivery.jitter-min/-max must satisfy 0 <= min <= max < 1");
      }
      if (batchSize <= 0 || concurrency <= 0 || maxConnections <= 0 || maxConnectionsPerHost <= 0) {
        throw new IllegalArgumentException("webhook.delivery sizes must be > 0");
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("webhook.delivery.timeout must be positive");
      }
      schedule = List.copyOf(schedule);
    }

    /** How long a claimed delivery stays invisible to other workers: a crashed one's comes back. */
    public Duration lease() {
      return timeout.multipliedBy(2).plusSeconds(10);
    }
  }
}
