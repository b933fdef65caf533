package network.aioz.benchmarks.gateway;

import java.util.Arrays;

/**
 * Percentiles of one run's latencies (nearest rank on the sorted values), its errors and the rate
 * it achieved.
 *
 * @param ok requests answered 200
 * @param errors requests that failed, timed out or were answered otherwise
 * @param achievedPerSecond answers (ok or not) per second over the measured window
 */
record LatencySummary(
    long ok,
    long errors,
    long p50Nanos,
    long p90Nanos,
    long p99Nanos,
    long p999Nanos,
    long maxNanos,
    double achievedPerSecond) {

  /** Marks a request that did not get a 200 in a latency array. */
  static final long ERROR = -1;

  /**
   * @param latencies one entry per scheduled request, {@link #ERROR} for the failed ones
   * @param windowNanos from the first measured request's due time to the last answer
   */
  static LatencySummary of(long[] latencies, long windowNanos) {
    long[] sorted = Arrays.stream(latencies).filter(l -> l != ERROR).sorted().toArray();
    long errors = latencies.length - sorted.length;
    double achieved = windowNanos > 0 ? latencies.length * 1e9 / windowNanos : 0;
    return new LatencySummary(
        sorted.length,
        errors,
        percentile(sorted, 50),
        percentile(sorted, 90),
        percentile(sorted, 99),
        percentile(sorted, 99.9),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1],
        achieved);
  }

  /**
   * Nearest rank: the smallest value that at least {@code p} percent of the values do not exceed.
   */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length - 1e-9);
    return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
  }
}
