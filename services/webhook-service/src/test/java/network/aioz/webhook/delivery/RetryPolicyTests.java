package network.aioz.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import network.aioz.webhook.support.WebhookProperties;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RetryPolicyTests {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final List<Duration> SPEC =
      List.of(
          Duration.ofSeconds(5),
          Duration.ofMinutes(5),
          Duration.ofMinutes(30),
          Duration.ofHours(2),
          Duration.ofHours(5),
          Duration.ofHours(10),
          Duration.ofHours(14),
          Duration.ofHours(20),
          Duration.ofHours(24));

  private static RetryPolicy policy(double jitterMin, double jitterMax) {
    return new RetryPolicy(
        new WebhookProperties.Delivery(
            Duration.ofSeconds(15),
            false,
            false,
            SPEC,
            jitterMin,
            jitterMax,
            Duration.ofHours(24),
            Duration.ofMillis(200),
            256,
            256,
            512,
            64,
            "ua"),
        new Random(7));
  }

  private static Outcome status(int code) {
    return new Outcome(code, "", 1, null, null);
  }

  @Test
  void followsTheSpecScheduleThenFails() {
    RetryPolicy policy = policy(0, 0);
    for (int attempt = 1; attempt <= SPEC.size(); attempt++) {
      RetryPolicy.Decision decision = policy.decide(attempt, status(500), NOW);
      assertThat(decision.status()).isEqualTo(RetryPolicy.Status.PENDING);
      assertThat(decision.nextAttemptAt()).isEqualTo(NOW.plus(SPEC.get(attempt - 1)));
    }
    RetryPolicy.Decision last = policy.decide(SPEC.size() + 1, status(500), NOW);
    assertThat(last.status()).isEqualTo(RetryPolicy.Status.FAILED);
    assertThat(last.nextAttemptAt()).isNull();
    assertThat(policy.maxAttempts()).isEqualTo(10);
  }

  @RepeatedTest(20)
  void jitterStaysBetweenTenAndTwentyPercent() {
    Duration wait = policy(0.1, 0.2).jittered(Duration.ofMinutes(30));
    double ratio = wait.toMillis() / (double) Duration.ofMinutes(30).toMillis();
    assertThat(Math.abs(ratio - 1)).isBetween(0.0999, 0.2001);
  }

  @Test
  void successAndGoneEndTheDelivery() {
    RetryPolicy policy = policy(0.1, 0.2);
    assertThat(policy.decide(1, status(204), NOW).status()).isEqualTo(RetryPolicy.Status.SUCCEEDED);
    RetryPolicy.Decision gone = policy.decide(1, status(410), NOW);
    assertThat(gone.status()).isEqualTo(RetryPolicy.Status.FAILED);
    assertThat(gone.disableEndpoint()).isTrue();
    assertThat(policy.decide(1, status(301), NOW).status()).isEqualTo(RetryPolicy.Status.PENDING);
    assertThat(policy.decide(1, new Outcome(null, null, 1, "timeout", null), NOW).status())
        .isEqualTo(RetryPolicy.Status.PENDING);
  }

  @Test
  void honoursRetryAfterOn429And502And504Only() {
    RetryPolicy policy = policy(0, 0);
    for (int code : List.of(429, 502, 504)) {
      Outcome busy = new Outcome(code, "", 1, null, Duration.ofMinutes(3));
      assertThat(policy.decide(1, busy, NOW).nextAttemptAt()).isEqualTo(NOW.plusSeconds(180));
    }
    Outcome other = new Outcome(500, "", 1, null, Duration.ofMinutes(3));
    assertThat(policy.decide(1, other, NOW).nextAttemptAt()).isEqualTo(NOW.plusSeconds(5));
    // never earlier than the schedule
    Outcome shortWait = new Outcome(429, "", 1, null, Duration.ofSeconds(1));
    assertThat(policy.decide(2, shortWait, NOW).nextAttemptAt()).isEqualTo(NOW.plusSeconds(300));
    // capped at 24 h
    Outcome huge = new Outcome(429, "", 1, null, Duration.ofDays(30));
    assertThat(policy.decide(1, huge, NOW).nextAttemptAt())
        .isEqualTo(NOW.plus(Duration.ofHours(24)));
  }

  @Test
  void parsesRetryAfterSecondsAndDates() {
    assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(90).atOffset(ZoneOffset.UTC));
    assertThat(RetryAfter.parse(date, NOW)).contains(Duration.ofSeconds(90));
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", NOW)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isPresent();
    assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
    assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
    assertThat(RetryAfter.parse(null, NOW)).isEmpty();
  }
}
