package network.aioz.infra;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The end of a log file, for error messages that must say why a process did not come up. */
public final class LogTail {

  private static final int MAX_BYTES = 8 * 1024;

  private LogTail() {}

  /** The last {@code lines} lines of the file, or a note that it is missing. */
  public static String of(Path file, int lines) {
    if (!Files.isRegularFile(file)) {
      return "(no " + file + ")";
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long start = Math.max(0, in.length() - MAX_BYTES);
      byte[] bytes = new byte[(int) (in.length() - start)];
      in.seek(start);
      in.readFully(bytes);
      String[] all = new String(bytes, StandardCharsets.UTF_8).split("\n");
      int from = Math.max(0, all.length - lines);
      StringBuilder tail = new StringBuilder("--- last lines of ").append(file).append(" ---\n");
      for (int i = from; i < all.length; i++) {
        tail.append(all[i]).append('\n');
      }
      return tail.toString();
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }
}
