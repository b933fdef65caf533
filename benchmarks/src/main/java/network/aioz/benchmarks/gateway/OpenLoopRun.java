package network.aioz.benchmarks.gateway;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends requests at a constant arrival rate whatever the answers do, and measures each one from the
 * time it was due, not from when it was sent: a stall then shows up in the latency of every request
 * scheduled during it (no coordinated omission). Requests due in the warm-up are sent but not
 * measured.
 */
final class OpenLoopRun {

  private final double ratePerSecond;
  private final double warmupSeconds;
  private final double seconds;
  private final double progressSeconds;
  private final PrintStream out;

  OpenLoopRun(
      double ratePerSecond,
      double warmupSeconds,
      double seconds,
      double progressSeconds,
      PrintStream out) {
    this.ratePerSecond = ratePerSecond;
    this.warmupSeconds = warmupSeconds;
    this.seconds = seconds;
    this.progressSeconds = progressSeconds;
    this.out = out;
  }

  /**
   * The measured requests' latencies, {@link LatencySummary#ERROR} where one failed, and how many
   * failed how (an HTTP status, {@code no answer}, {@code unanswered in time}), and the most
   * requests ever sent but not yet answered during the measured part.
   */
  record Result(long[] latencies, long windowNanos, Map<String, Long> failures, long maxInFlight) {

    Result(long[] latencies, long windowNanos) {
      this(latencies, windowNanos, Map.of(), 0);
    }

    /**
     * More than half a second of requests queued: the target could not keep up, so the latencies
     * measure its backlog rather than its service time.
     */
    boolean saturated(double ratePerSecond) {
      return maxInFlight > ratePerSecond / 2;
    }

    LatencySummary summary() {
      return LatencySummary.of(latencies, windowNanos);
    }
  }

  Result run(String label, LoadClient client) throws InterruptedException {
    Schedule schedule = new Schedule(System.nanoTime() + 50_000_000L, ratePerSecond);
    long warm = schedule.countWithin(warmupSeconds);
    long total = schedule.countWithin(warmupSeconds + seconds);
    int measured = Math.toIntExact(total - warm);
    AtomicLongArray latencies = new AtomicLongArray(measured);
    for (int i = 0; i < measured; i++) {
      latencies.set(i, LatencySummary.ERROR);
    }
    CountDownLatch unanswered = new CountDownLatch(Math.toIntExact(total));
    AtomicLong answered = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    AtomicLong lastAnswer = new AtomicLong(Long.MIN_VALUE);
    long progressEvery = (long) (progressSeconds * 1e9);
    long nextProgress = schedule.startNanos() + progressEvery;
    long answeredAtProgress = 0;
    long maxInFlight = 0;

    for (long i = 0; i < total; i++) {
      long due = schedule.dueNanos(i);
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      int slot = (int) (i - warm);
      client.send(
          status -> {
            long now = System.nanoTime();
            boolean ok = status == 200;
            if (slot >= 0) {
              if (ok) {
                latencies.set(slot, now - due);
              } else {
                failures
                    .computeIfAbsent(
                        status == LoadClient.Answer.NO_ANSWER ? "no answer" : "HTTP " + status,
                        s -> new AtomicLong())
                    .incrementAndGet();
              }
              lastAnswer.accumulateAndGet(now, Math::max);
            }
            if (!ok) {
              failed.incrementAndGet();
            }
            answered.incrementAndGet();
            unanswered.countDown();
          });
      if (i >= warm) {
        maxInFlight = Math.max(maxInFlight, i + 1 - answered.get());
      }
      if (progressEvery > 0 && due >= nextProgress) {
        long a = answered.get();
        out.printf(
            Locale.ROOT,
            "  %-8s %5.1f s%s  sent %,d  answered %,d  failed %,d  in flight %d  %,.0f answers/s%n",
            label,
            (due - schedule.startNanos()) / 1e9,
            i < warm ? " (warm-up)" : "",
            i + 1,
            a,
            failed.get(),
            i + 1 - a,
            (a - answeredAtProgress) / progressSeconds);
        answeredAtProgress = a;
        nextProgress += progressEvery;
      }
    }
    if (!unanswered.await(15, TimeUnit.SECONDS)) {
      out.printf(
          "  %s: %d requests unanswered after 15 s, counted as failed%n",
          label, unanswered.getCount());
    }
    long[] result = new long[measured];
    for (int i = 0; i < measured; i++) {
      result[i] = latencies.get(i);
    }
    Map<String, Long> failedHow = new TreeMap<>();
    failures.forEach((how, n) -> failedHow.put(how, n.get()));
    long late =
        Arrays.stream(result).filter(l -> l == LatencySummary.ERROR).count()
            - failedHow.values().stream().mapToLong(Long::longValue).sum();
    if (late > 0) {
      failedHow.put("unanswered in time", late);
    }
    long window = Math.max(lastAnswer.get() - schedule.dueNanos(warm), 1);
    return new Result(result, window, failedHow, maxInFlight);
  }
}
