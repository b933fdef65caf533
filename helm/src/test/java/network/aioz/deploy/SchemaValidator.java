package network.aioz.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs helm/schema-check/validate.mjs (npm kubernetes-models) on manifests: Java has no maintained
 * validator for the Kubernetes OpenAPI schemas, the npm package does.
 */
final class SchemaValidator {

  private static boolean installed;

  private SchemaValidator() {}

  /** Fails the calling test with the validator's messages when any document is invalid. */
  static void assertValid(Path... files) {
    ensureInstalled();
    List<String> command = new ArrayList<>(List.of("node", "validate.mjs"));
    for (Path file : files) {
      command.add(file.toAbsolutePath().toString());
    }
    Result result = run(command, 60);
    assertThat(result.exitCode())
        .as("Kubernetes schema validation of %s:%n%s", List.of(files), result.output())
        .isZero();
  }

  /** Validates YAML text by writing it to a temporary file first. */
  static void assertValid(String yaml) {
    try {
      Path file = Files.createTempFile("rendered-", ".yaml");
      try {
        Files.writeString(file, yaml);
        assertValid(file);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static synchronized void ensureInstalled() {
    if (installed) {
      return;
    }
    Result version = run(List.of("node", "--version"), 30);
    if (version.exitCode() != 0) {
      fail(
          "Node.js is required to validate manifests against the Kubernetes schemas: install node"
              + " (>= 20) and npm and put them on the PATH. %s",
          version.output());
    }
    if (!Files.isDirectory(Repository.SCHEMA_CHECK.resolve("node_modules/kubernetes-models"))) {
      Result ci = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
      assertThat(ci.exitCode())
          .as("npm ci in %s:%n%s", Repository.SCHEMA_CHECK, ci.output())
          .isZero();
    }
    installed = true;
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command, int timeoutSeconds) {
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(Repository.SCHEMA_CHECK.toFile())
              .redirectErrorStream(true)
              .start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, String.join(" ", command) + " timed out");
      }
      return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(-1, String.join(" ", command) + " could not start: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
