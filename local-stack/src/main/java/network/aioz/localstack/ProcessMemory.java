package network.aioz.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/** Resident memory of processes, from /proc (Linux). */
final class ProcessMemory {

  private ProcessMemory() {}

  /** Sum of VmRSS of the processes, in KiB; processes that are gone count 0. */
  static long rssKiB(Collection<Long> pids) {
    long total = 0;
    for (long pid : pids) {
      total += rssKiB(pid);
    }
    return total;
  }

  static long rssKiB(long pid) {
    return field(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
  }

  /**
   * Sum of the processes' proportional set sizes (Pss), in KiB: each shared page counted once in
   * total, split among the processes sharing it — what the processes together take from the
   * machine. VmRSS counts a shared page once per process (PostgreSQL's shared buffers once per
   * backend, the JDK's shared archive once per JVM) and so overstates the whole.
   */
  static long pssKiB(Collection<Long> pids) {
    long total = 0;
    for (long pid : pids) {
      total += field(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:");
    }
    return total;
  }

  private static long field(Path file, String name) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(name)) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Gone, or not Linux.
    }
    return 0;
  }
}
