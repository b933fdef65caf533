package network.aioz.benchmarks.gateway;

/**
 * A constant arrival rate: request {@code i} is due at {@code start + i / rate}. Each time is
 * computed from {@code i}, not accumulated, so rounding never drifts the schedule.
 */
record Schedule(long startNanos, double ratePerSecond) {

  Schedule {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
    }
  }

  long dueNanos(long i) {
    return startNanos + Math.round(i * 1e9 / ratePerSecond);
  }

  /** How many requests fall due in the first {@code seconds} of the schedule. */
  long countWithin(double seconds) {
    return (long) Math.ceil(seconds * ratePerSecond - 1e-9);
  }
}
