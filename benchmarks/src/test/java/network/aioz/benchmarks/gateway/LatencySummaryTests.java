package network.aioz.benchmarks.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencySummaryTests {

  @Test
  void percentilesAreNearestRankOverTheSortedLatencies() {
    long[] shuffled = LongStream.rangeClosed(1, 1000).map(i -> (i * 7919) % 1000 + 1).toArray();

    LatencySummary summary = LatencySummary.of(shuffled, 1_000_000_000L);

    assertThat(summary.p50Nanos()).isEqualTo(500);
    assertThat(summary.p90Nanos()).isEqualTo(900);
    assertThat(summary.p99Nanos()).isEqualTo(990);
    assertThat(summary.p999Nanos()).isEqualTo(999);
    assertThat(summary.maxNanos()).isEqualTo(1000);
    assertThat(summary.achievedPerSecond()).isEqualTo(1000.0);
  }

  @Test
  void aSmallSampleRoundsTheRankUp() {
    long[] sorted = {10, 20, 30};

    assertThat(LatencySummary.percentile(sorted, 50)).isEqualTo(20);
    assertThat(LatencySummary.percentile(sorted, 99)).isEqualTo(30);
    assertThat(LatencySummary.percentile(sorted, 0)).isEqualTo(10);
    assertThat(LatencySummary.percentile(new long[0], 99)).isZero();
  }

  @Test
  void failedRequestsAreCountedButNotRankedAsFast() {
    long[] latencies = {LatencySummary.ERROR, 5, LatencySummary.ERROR, 7};

    LatencySummary summary = LatencySummary.of(latencies, 2_000_000_000L);

    assertThat(summary.ok()).isEqualTo(2);
    assertThat(summary.errors()).isEqualTo(2);
    assertThat(summary.p50Nanos()).isEqualTo(5);
    assertThat(summary.maxNanos()).isEqualTo(7);
    assertThat(summary.achievedPerSecond()).isEqualTo(2.0);
  }

  @Test
  void roundsAreMergedIntoOneDistribution() {
    OpenLoopRun.Result fast = new OpenLoopRun.Result(new long[] {1, 2, 3, 4}, 1_000_000_000L);
    OpenLoopRun.Result slow =
        new OpenLoopRun.Result(new long[] {100, 200, 300, 400}, 1_000_000_000L);

    LatencySummary merged = GatewayLatency.merge(List.of(fast, slow));

    assertThat(merged.ok()).isEqualTo(8);
    assertThat(merged.p50Nanos()).isEqualTo(4);
    assertThat(merged.p90Nanos()).isEqualTo(400);
    assertThat(merged.achievedPerSecond()).isEqualTo(4.0);
  }

  @Test
  void theTableReportsTheAddedLatencyAgainstTheTarget() {
    LatencySummary direct = new LatencySummary(100, 0, 1_000_000, 0, 2_000_000, 0, 0, 1000);
    LatencySummary within = new LatencySummary(100, 0, 1_500_000, 0, 3_900_000, 0, 0, 1000);
    LatencySummary beyond = new LatencySummary(100, 0, 1_500_000, 0, 4_100_000, 0, 0, 1000);

    assertThat(GatewayLatency.table(direct, within, List.of()))
        .contains("| p99 | 2.000 ms | 3.900 ms | +1.900 ms |")
        .contains("added p50 0.500 ms, added p99 1.900 ms (target <= 2.0 ms at p99): met");
    assertThat(GatewayLatency.table(direct, beyond, List.of()))
        .contains("added p99 2.100 ms")
        .contains("NOT met");
  }

  @Test
  void noVerdictWhenARunFellBehindTheSchedule() {
    LatencySummary backlog =
        new LatencySummary(100, 0, 3_000_000_000L, 0, 7_000_000_000L, 0, 0, 1000);
    LatencySummary gateway = new LatencySummary(100, 0, 300_000_000, 0, 900_000_000, 0, 0, 1000);

    assertThat(GatewayLatency.table(backlog, gateway, List.of("direct")))
        .contains("not measured: direct fell behind")
        .doesNotContain(": met");
  }
}
