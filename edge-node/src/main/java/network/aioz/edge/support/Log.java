package network.aioz.edge.support;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One-line logs on stdout. An operator runs the agent in a terminal or under systemd, where a plain
 * line per event reads better than a logging framework's output and costs nothing to load.
 */
public final class Log {

  private static volatile PrintStream out = System.out;
  private final String name;

  private Log(String name) {
    this.name = name;
  }

  public static Log of(Class<?> type) {
    return new Log(type.getSimpleName());
  }

  public void info(String message) {
    write("INFO ", message);
  }

  public void warn(String message) {
    write("WARN ", message);
  }

  public void error(String message, Throwable cause) {
    write("ERROR", message + ": " + cause);
  }

  private void write(String level, String message) {
    out.println(
        Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + level + " " + name + " - " + message);
  }
}
