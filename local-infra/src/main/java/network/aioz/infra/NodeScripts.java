package network.aioz.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Node.js script of a test's own npm package (a directory with package.json and a committed
 * package-lock.json), installing its dependencies with {@code npm ci} the first time: how tests
 * check the platform against independent implementations published on npm.
 */
public final class NodeScripts {

  private static final Set<Path> INSTALLED = ConcurrentHashMap.newKeySet();

  private NodeScripts() {}

  /** What a command printed (stdout and stderr together) and how it ended. */
  public record Result(int exitCode, String output) {}

  /**
   * Runs {@code node <script> <args>} in {@code packageDir}.
   *
   * @throws IllegalStateException when node or npm is missing or {@code npm ci} fails
   */
  public static Result run(Path packageDir, String script, List<String> args, Duration timeout) {
    install(packageDir);
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(args);
    return exec(packageDir, command, timeout);
  }

  /**
   * Installs a package's dependencies with {@code npm ci} unless its {@code node_modules} exists.
   *
   * @throws IllegalStateException when node or npm is missing or {@code npm ci} fails
   */
  public static void install(Path packageDir) {
    Path dir = packageDir.toAbsolutePath().normalize();
    if (INSTALLED.contains(dir)) {
      return;
    }
    synchronized (NodeScripts.class) {
      if (INSTALLED.contains(dir)) {
        return;
      }
      Result node = exec(dir, List.of("node", "--version"), Duration.ofSeconds(30));
      if (node.exitCode() != 0) {
        throw new IllegalStateException(
            "Node.js (>= 20) and npm must be on the PATH for this test: " + node.output());
      }
      if (!Files.isDirectory(dir.resolve("node_modules"))) {
        Result ci =
            exec(dir, List.of("npm", "ci", "--no-audit", "--no-fund"), Duration.ofMinutes(5));
        if (ci.exitCode() != 0) {
          throw new IllegalStateException("npm ci in " + dir + " failed:\n" + ci.output());
        }
      }
      INSTALLED.add(dir);
    }
  }

  private static Result exec(Path dir, List<String> command, Duration timeout) {
    try {
      // output to a file, so a script that hangs cannot block us past the timeout
      Path log = Files.createTempFile("node-", ".log");
      try {
        Process process =
            new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        process.getOutputStream().close();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          return new Result(
              -1, String.join(" ", command) + " timed out:\n" + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      return new Result(-1, String.join(" ", command) + " could not start: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
