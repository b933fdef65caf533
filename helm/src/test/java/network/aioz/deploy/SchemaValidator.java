package network.aioz.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import network.aioz.infra.NodeScripts;

/**
 * Runs helm/schema-check/validate.mjs (npm kubernetes-models) on manifests: Java has no maintained
 * validator for the Kubernetes OpenAPI schemas, the npm package does.
 */
final class SchemaValidator {

  private SchemaValidator() {}

  /** Fails the calling test with the validator's messages when any document is invalid. */
  static void assertValid(Path... files) {
    List<String> arguments = new ArrayList<>();
    for (Path file : files) {
      arguments.add(file.toAbsolutePath().toString());
    }
    NodeScripts.Result result =
        NodeScripts.run(Repository.SCHEMA_CHECK, "validate.mjs", arguments, Duration.ofSeconds(60));
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
}
