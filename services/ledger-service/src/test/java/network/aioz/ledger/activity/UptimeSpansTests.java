package network.aioz.ledger.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import network.aioz.ledger.support.EpochClock;
import org.junit.jupiter.api.Test;

/** Uptime between heartbeats, by hand: epochs of one minute from 2026-01-01T00:00Z, gap 10 s. */
class UptimeSpansTests {

  private static final Instant GENESIS = Instant.parse("2026-01-01T00:00:00Z");
  private static final EpochClock EPOCHS =
      new EpochClock(GENESIS, Duration.ofMinutes(1), Duration.ZERO, Clock.systemUTC());
  private static final Duration MAX_GAP = Duration.ofSeconds(10);

  private static Instant at(String offset) {
    return GENESIS.plus(Duration.parse(offset));
  }

  @Test
  void aGapWithinTheLimitCountsInItsEpoch() {
    // heartbeats at 0:05 and 0:12.5 -> 7.5 s of epoch 0
    assertThat(UptimeSpans.between(at("PT5S"), at("PT12.5S"), MAX_GAP, EPOCHS))
        .isEqualTo(Map.of(0L, 7_500L));
  }

  @Test
  void aGapAcrossAnEpochBoundaryIsCutAtTheBoundary() {
    // 0:56 .. 1:04: 4 s in epoch 0, 4 s in epoch 1
    assertThat(UptimeSpans.between(at("PT56S"), at("PT1M4S"), MAX_GAP, EPOCHS))
        .isEqualTo(Map.of(0L, 4_000L, 1L, 4_000L));
  }

  @Test
  void exactlyTheMaximumGapCountsAndOneMillisecondMoreDoesNot() {
    assertThat(UptimeSpans.between(at("PT1M"), at("PT1M10S"), MAX_GAP, EPOCHS))
        .isEqualTo(Map.of(1L, 10_000L));
    assertThat(UptimeSpans.between(at("PT1M"), at("PT1M10.001S"), MAX_GAP, EPOCHS)).isEmpty();
  }

  @Test
  void aFirstHeartbeatOrAClockGoingBackCountsNothing() {
    assertThat(UptimeSpans.between(null, at("PT5S"), MAX_GAP, EPOCHS)).isEmpty();
    assertThat(UptimeSpans.between(at("PT5S"), at("PT5S"), MAX_GAP, EPOCHS)).isEmpty();
    assertThat(UptimeSpans.between(at("PT5S"), at("PT4S"), MAX_GAP, EPOCHS)).isEmpty();
  }

  @Test
  void heartbeatsEveryFiveSecondsFillAWholeEpoch() {
    long total = 0;
    for (int s = 0; s < 60; s += 5) {
      Map<Long, Long> spans =
          UptimeSpans.between(
              at("PT" + (60 + s) + "S"), at("PT" + (65 + s) + "S"), MAX_GAP, EPOCHS);
      assertThat(spans.keySet()).containsOnly(1L);
      total += spans.get(1L);
    }
    assertThat(total).isEqualTo(60_000L);
  }
}
