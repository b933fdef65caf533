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
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Gone, or not Linux.
    }
    return 0;
  }
}
