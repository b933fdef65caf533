package network.aioz.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the deployment files, found from the module directory surefire runs in. */
final class Repository {

  static final Path ROOT = findRoot();
  static final Path CHART = ROOT.resolve("helm/aioz-platform");
  static final Path K8S = ROOT.resolve("k8s");
  static final Path K8S_VALUES = ROOT.resolve("helm/k8s-values.yaml");
  static final Path SCHEMA_CHECK = ROOT.resolve("helm/schema-check");
  static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
  static final Path DOCKER = ROOT.resolve("docker");

  private Repository() {}

  private static Path findRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("helm/aioz-platform"))
          && Files.exists(dir.resolve("pom.xml"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "repository root (with helm/aioz-platform) not found above the working directory");
  }
}
