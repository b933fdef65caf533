package network.aioz.webhook.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import network.aioz.webhook.support.WebhookProperties;

/**
 * The Standard Webhooks retry schedule: after each failure the next wait from the schedule, spread
 * by jitter, never earlier than the endpoint's {@code Retry-After} on 429/502/504 (capped). Past
 * the schedule the delivery has failed. 410 Gone ends it and disables the endpoint.
 */
final class RetryPolicy {

  /** Statuses whose {@code Retry-After} is honoured. */
  static final Set<Integer> RETRY_AFTER_STATUSES = Set.of(429, 502, 504);

  enum Status {
    PENDING,
    SUCCEEDED,
    FAILED;

    String column() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * @param nextAttemptAt when to try again, null when the delivery is over
   * @param disableEndpoint the endpoint said it is gone
   */
  record Decision(Status status, Instant nextAttemptAt, boolean disableEndpoint) {}

  private final List<Duration> schedule;
  private final double jitterMin;
  private final double jitterMax;
  private final Duration maxRetryAfter;
  private final RandomGenerator random;

  RetryPolicy(WebhookProperties.Delivery settings, RandomGenerator random) {
    this.schedule = settings.schedule();
    this.jitterMin = settings.jitterMin();
    this.jitterMax = settings.jitterMax();
    this.maxRetryAfter = settings.maxRetryAfter();
    this.random = random;
  }

  /**
   * @param attemptsMade attempts including the one that produced {@code outcome}
   */
  Decision decide(int attemptsMade, Outcome outcome, Instant now) {
    if (outcome.succeeded()) {
      return new Decision(Status.SUCCEEDED, null, false);
    }
    if (outcome.statusCode() != null && outcome.statusCode() == 410) {
      return new Decision(Status.FAILED, null, true);
    }
    if (attemptsMade > schedule.size()) {
      return new Decision(Status.FAILED, null, false);
    }
    Duration wait = jittered(schedule.get(attemptsMade - 1));
    if (outcome.retryAfter() != null
        && outcome.statusCode() != null
        && RETRY_AFTER_STATUSES.contains(outcome.statusCode())) {
      Duration asked = min(outcome.retryAfter(), maxRetryAfter);
      if (asked.compareTo(wait) > 0) {
        wait = asked;
      }
    }
    return new Decision(Status.PENDING, now.plus(wait), false);
  }

  /** The wait lengthened or shortened by a random fraction within [jitterMin, jitterMax]. */
  Duration jittered(Duration wait) {
    if (jitterMax == 0) {
      return wait;
    }
    double fraction = jitterMin + random.nextDouble() * (jitterMax - jitterMin);
    double factor = random.nextBoolean() ? 1 + fraction : 1 - fraction;
    return Duration.ofNanos((long) (wait.toNanos() * factor));
  }

  int maxAttempts() {
    return schedule.size() + 1;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
