package network.aioz.edge.membership;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;

/**
 * Heartbeat sequence numbers that never repeat, even across restarts: each is at least the clock in
 * milliseconds and always above the last one handed out, which is kept on disk in case the clock
 * steps back.
 */
final class SequenceFile {

  private final Path file;
  private final Clock clock;
  private long last;

  SequenceFile(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
    this.last = read(file);
  }

  synchronized long next() {
    long next = Math.max(clock.millis(), last + 1);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.writeString(tmp, Long.toString(next), StandardCharsets.US_ASCII);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot persist the heartbeat sequence at " + file, e);
    }
    last = next;
    return next;
  }

  private static long read(Path file) {
    try {
      return Files.exists(file) ? Long.parseLong(Files.readString(file).strip()) : 0;
    } catch (IOException | NumberFormatException e) {
      // a damaged file only loses the guard against a clock stepping back; the clock still rises
      return 0;
    }
  }
}
