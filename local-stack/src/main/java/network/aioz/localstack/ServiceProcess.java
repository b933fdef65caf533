package network.aioz.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import network.aioz.infra.LogTail;

/** One platform process (a Spring service, the gateway or an edge) with its log and health URL. */
final class ServiceProcess {

  private static final String SETSID = "/usr/bin/setsid";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final String name;
  private final List<String> command;
  private final Map<String, String> env;
  private final Path logFile;
  private final URI healthUrl;
  private Process process;

  ServiceProcess(
      String name, List<String> command, Map<String, String> env, Path logFile, URI healthUrl) {
    this.name = name;
    this.command = List.copyOf(command);
    this.env = Map.copyOf(env);
    this.logFile = logFile;
    this.healthUrl = healthUrl;
  }

  String name() {
    return name;
  }

  Path logFile() {
    return logFile;
  }

  /** The process's base URL (scheme, host and port of its health URL). */
  String url() {
    return healthUrl.getScheme() + "://" + healthUrl.getAuthority();
  }

  long pid() {
    return process == null ? -1 : process.pid();
  }

  void start() throws IOException {
    Files.createDirectories(logFile.getParent());
    List<String> full = new ArrayList<>();
    // Its own session: Ctrl-C in the terminal reaches only the launcher, which then stops the
    // processes in dependency order instead of all at once.
    if (Files.isExecutable(Path.of(SETSID))) {
      full.add(SETSID);
    }
    full.addAll(command);
    ProcessBuilder builder =
        new ProcessBuilder(full)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.environment().putAll(env);
    Files.writeString(
        logFile,
        "---- starting " + name + ": " + String.join(" ", command) + "\n",
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    process = builder.start();
  }

  /** Polls the health URL until it answers 200; returns the body. */
  String awaitHealthy(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest request = HttpRequest.newBuilder(healthUrl).timeout(Duration.ofSeconds(2)).build();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with code " + process.exitValue() + "\n" + LogTail.of(logFile, 40));
      }
      try {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return response.body();
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + name, e);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            name
                + " not ready at "
                + healthUrl
                + " after "
                + timeout
                + "\n"
                + LogTail.of(logFile, 40));
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + name, e);
      }
    }
  }

  /** SIGTERM, wait up to the grace period, then SIGKILL. */
  void stop(Duration grace) {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
