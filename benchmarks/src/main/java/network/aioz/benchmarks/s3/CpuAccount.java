package network.aioz.benchmarks.s3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time spent by each part of the local stack during a phase, read from {@code /proc} (Linux
 * only; elsewhere it reports nothing): user plus system time of every process, grouped by what its
 * command line says it is. On a machine where the driver, the services, the broker, the database
 * and fourteen edges share the same cores, this says where a throughput figure's CPU went.
 */
final class CpuAccount {

  /** Command-line fragments, first match wins; the driver itself is counted separately. */
  private static final List<Map.Entry<String, String>> PARTS =
      List.of(
          Map.entry("edge-node", "edges"),
          Map.entry("storage-service", "storage-service"),
          Map.entry("ledger-service", "ledger-service"),
          Map.entry("proof-service", "proof-service"),
          Map.entry("gateway", "gateway"),
          Map.entry("KafkaBrokerMain", "kafka"),
          Map.entry("postgres", "postgres"),
          Map.entry("LocalStackMain", "launcher"));

  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on every Linux we run on
  private static final Path PROC = Path.of("/proc");

  private final Map<Long, Sample> before;

  private CpuAccount(Map<Long, Sample> before) {
    this.before = before;
  }

  static CpuAccount start() {
    return new CpuAccount(snapshot());
  }

  /**
   * CPU seconds per part since {@link #start()}, largest first; processes that ended in between
   * (short-lived database backends) are not counted.
   */
  Map<String, Double> secondsByPart() {
    Map<Long, Sample> after = snapshot();
    Map<String, Double> seconds = new HashMap<>();
    after.forEach(
        (pid, sample) -> {
          Sample earlier = before.get(pid);
          long ticks = sample.ticks() - (earlier == null ? 0 : earlier.ticks());
          if (ticks > 0) {
            seconds.merge(sample.part(), ticks / TICKS_PER_SECOND, Double::sum);
          }
        });
    Map<String, Double> sorted = new LinkedHashMap<>();
    seconds.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** One line: each part's CPU seconds and the total against the cores and wall time. */
  String summary(double wallSeconds) {
    Map<String, Double> parts = secondsByPart();
    if (parts.isEmpty()) {
      return "  cpu: not available (no /proc)";
    }
    double total = parts.values().stream().mapToDouble(Double::doubleValue).sum();
    StringBuilder line = new StringBuilder("  cpu s:");
    parts.forEach((part, s) -> line.append(String.format(Locale.ROOT, " %s %.1f,", part, s)));
    line.append(
        String.format(
            Locale.ROOT,
            " total %.1f of %.1f available (%d cores x %.1f s)",
            total,
            wallSeconds * Runtime.getRuntime().availableProcessors(),
            Runtime.getRuntime().availableProcessors(),
            wallSeconds));
    return line.toString();
  }

  private static Map<Long, Sample> snapshot() {
    Map<Long, Sample> samples = new HashMap<>();
    if (!Files.isDirectory(PROC)) {
      return samples;
    }
    long self = ProcessHandle.current().pid();
    try (Stream<Path> entries = Files.list(PROC)) {
      entries
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .forEach(
              p -> {
                long pid = Long.parseLong(p.getFileName().toString());
                String part = pid == self ? "driver" : partOf(p);
                if (part != null) {
                  long ticks = ticks(p);
                  if (ticks >= 0) {
                    samples.put(pid, new Sample(part, ticks));
                  }
                }
              });
    } catch (IOException e) {
      // an unreadable /proc: nothing to report
    }
    return samples;
  }

  private static String partOf(Path process) {
    try {
      String commandLine =
          new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8);
      for (Map.Entry<String, String> part : PARTS) {
        if (commandLine.contains(part.getKey())) {
          return part.getValue();
        }
      }
      return null;
    } catch (IOException e) {
      return null; // the process ended
    }
  }

  /** utime + stime, fields 14 and 15 of /proc/PID/stat (counted after the command name). */
  private static long ticks(Path process) {
    try {
      String stat = Files.readString(process.resolve("stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private record Sample(String part, long ticks) {}
}
