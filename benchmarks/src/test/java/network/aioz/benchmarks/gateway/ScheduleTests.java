package network.aioz.benchmarks.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScheduleTests {

  @Test
  void requestsFallDueAtConstantIntervalsFromTheStart() {
    Schedule schedule = new Schedule(5_000, 1000);

    assertThat(schedule.dueNanos(0)).isEqualTo(5_000);
    assertThat(schedule.dueNanos(1)).isEqualTo(5_000 + 1_000_000);
    assertThat(schedule.dueNanos(29_999)).isEqualTo(5_000 + 29_999_000_000L);
  }

  @Test
  void dueTimesDoNotDriftWhenTheIntervalIsNotWholeNanoseconds() {
    Schedule schedule = new Schedule(0, 3);

    assertThat(schedule.dueNanos(1)).isEqualTo(333_333_333);
    assertThat(schedule.dueNanos(2)).isEqualTo(666_666_667);
    assertThat(schedule.dueNanos(3)).isEqualTo(1_000_000_000);
    assertThat(schedule.dueNanos(3_000_000)).isEqualTo(1_000_000_000_000_000L);
  }

  @Test
  void countsTheRequestsDueWithinAWindow() {
    Schedule schedule = new Schedule(0, 1000);

    assertThat(schedule.countWithin(30)).isEqualTo(30_000);
    assertThat(schedule.countWithin(10)).isEqualTo(10_000);
    // due at 0 and 1 ms, not at 2 ms
    assertThat(schedule.countWithin(0.0015)).isEqualTo(2);
    assertThat(schedule.countWithin(0)).isZero();
    assertThat(new Schedule(0, 3).countWithin(1)).isEqualTo(3);
  }

  @Test
  void refusesARateThatIsNotPositive() {
    assertThatThrownBy(() -> new Schedule(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Schedule(0, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
