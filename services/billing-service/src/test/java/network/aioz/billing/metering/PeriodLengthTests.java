package network.aioz.billing.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PeriodLengthTests {

  @Test
  void monthsAreCalendarMonthsInUtc() {
    PeriodLength.Span span =
        PeriodLength.parse("P1M").containing(Instant.parse("2026-11-30T23:59:59Z"));
    assertThat(span)
        .isEqualTo(
            new PeriodLength.Span(
                "2026-11",
                Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z")));
    assertThat(PeriodLength.MONTHLY.byId("2026-11")).contains(span);
    assertThat(PeriodLength.MONTHLY.byId("2026-13")).isEmpty();
    assertThat(PeriodLength.MONTHLY.byId("nonsense")).isEmpty();
  }

  @Test
  void fixedLengthsAlignToMidnightAndRoundTripTheirIds() {
    PeriodLength tenSeconds = PeriodLength.parse("PT10S");
    PeriodLength.Span span = tenSeconds.containing(Instant.parse("2026-11-22T23:10:07.5Z"));
    assertThat(span.start()).isEqualTo(Instant.parse("2026-11-22T23:10:00Z"));
    assertThat(span.end()).isEqualTo(Instant.parse("2026-11-22T23:10:10Z"));
    assertThat(span.id()).isEqualTo("20261122T231000Z");
    assertThat(tenSeconds.byId(span.id())).contains(span);
    assertThat(tenSeconds.byId("20261122T231005Z")).as("not a period start").isEmpty();
    assertThat(PeriodLength.parse("PT1H").fixed()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void lengthsThatDoNotDivideADayAreRefused() {
    assertThatThrownBy(() -> PeriodLength.parse("PT7H")).hasMessageContaining("divide a day");
    assertThatThrownBy(() -> PeriodLength.parse("P2D"))
        .hasMessageContaining("billing.periods.length");
    assertThatThrownBy(() -> PeriodLength.parse("PT0S")).hasMessageContaining("divide a day");
  }

  @Test
  void dedupRetentionBelow32DaysIsRefusedAtStartup() {
    assertThatThrownBy(
            () -> new MeteringSettings(Duration.ofDays(31), "P1M", Duration.ofHours(1), true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least P32D");
    assertThat(
            new MeteringSettings(Duration.ofDays(32), "PT1H", Duration.ZERO, false)
                .dedupRetention())
        .isEqualTo(Duration.ofDays(32));
  }
}
