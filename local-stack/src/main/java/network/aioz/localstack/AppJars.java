package network.aioz.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import network.aioz.infra.LogTail;

/** Finds the applications' jars and prepares them to run. */
final class AppJars {

  private AppJars() {}

  /** The runnable jars the stack launches. */
  record Apps(
      Path ledgerService,
      Path storageService,
      Path proofService,
      Path identityService,
      Path webhookService,
      Path billingService,
      Path chainAdapter,
      Path gateway,
      Path edgeNode) {}

  /**
   * Finds the jars: in the given directory, else {@code -Dlocalstack.apps}, else, searching upwards
   * from the working directory, the modules' own build output (what {@code target/apps} is copied
   * from, so never older), else {@code local-stack/target/apps}.
   */
  static Apps find(Path given) {
    if (given != null) {
      return inAppsDir(given.toAbsolutePath());
    }
    String property = System.getProperty("localstack.apps");
    if (property != null) {
      return inAppsDir(Path.of(property).toAbsolutePath());
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path ledger =
          newest(dir.resolve("services/ledger-service/target"), "ledger-service-", "-exec.jar");
      Path storage =
          newest(dir.resolve("services/storage-service/target"), "storage-service-", "-exec.jar");
      Path proof =
          newest(dir.resolve("services/proof-service/target"), "proof-service-", "-exec.jar");
      Path identity =
          newest(dir.resolve("services/identity-service/target"), "identity-service-", "-exec.jar");
      Path webhook =
          newest(dir.resolve("services/webhook-service/target"), "webhook-service-", "-exec.jar");
      Path billing =
          newest(dir.resolve("services/billing-service/target"), "billing-service-", "-exec.jar");
      Path chain = newest(dir.resolve("chain-adapter/target"), "chain-adapter-", "-exec.jar");
      Path gateway = newest(dir.resolve("gateway/target"), "gateway-", "-exec.jar");
      Path edge = dir.resolve("edge-node/target/edge-node.jar");
      if (ledger != null
          && storage != null
          && proof != null
          && identity != null
          && webhook != null
          && billing != null
          && chain != null
          && gateway != null
          && hasMainClass(edge)) {
        return new Apps(ledger, storage, proof, identity, webhook, billing, chain, gateway, edge);
      }
      for (Path candidate :
          List.of(dir.resolve("local-stack/target/apps"), dir.resolve("target/apps"))) {
        if (Files.isRegularFile(candidate.resolve("ledger-service.jar"))) {
          return inAppsDir(candidate);
        }
      }
    }
    throw new IllegalStateException(
        "cannot find the applications' jars (build them: ./mvnw -DskipTests install -pl"
            + " local-stack -am), or set -Dlocalstack.apps");
  }

  private static Apps inAppsDir(Path appsDir) {
    return new Apps(
        require(appsDir, "ledger-service.jar"),
        require(appsDir, "storage-service.jar"),
        require(appsDir, "proof-service.jar"),
        require(appsDir, "identity-service.jar"),
        require(appsDir, "webhook-service.jar"),
        require(appsDir, "billing-service.jar"),
        require(appsDir, "chain-adapter.jar"),
        require(appsDir, "gateway.jar"),
        edgeJar(appsDir));
  }

  private static Path newest(Path dir, String prefix, String suffix) {
    if (!Files.isDirectory(dir)) {
      return null;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(file -> file.getFileName().toString().startsWith(prefix))
          .filter(file -> file.getFileName().toString().endsWith(suffix))
          .max(Comparator.comparing(file -> file.toFile().lastModified()))
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  /** A runnable jar, checked to exist. */
  static Path require(Path appsDir, String fileName) {
    Path jar = appsDir.resolve(fileName);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("missing " + jar + " (build local-stack with -am)");
    }
    return jar;
  }

  /**
   * The edge agent's runnable (shaded) jar: the copied artifact when it has a Main-Class, otherwise
   * {@code edge-node/target/edge-node.jar} next to the apps directory's module.
   */
  static Path edgeJar(Path appsDir) {
    Path copied = appsDir.resolve("edge-node.jar");
    if (hasMainClass(copied)) {
      return copied;
    }
    Path built = appsDir.resolve("../../../edge-node/target/edge-node.jar").normalize();
    if (hasMainClass(built)) {
      return built;
    }
    throw new IllegalStateException("no runnable edge-node.jar in " + appsDir + " or " + built);
  }

  /**
   * Extracts a Spring Boot executable jar once (again when the jar changes), because classes loaded
   * from an extracted layout can go into a class-data-sharing archive and nested jars cannot; falls
   * back to the jar itself if extraction fails.
   */
  static Path extracted(String java, Path bootJar, Path targetDir) throws IOException {
    String stamp =
        bootJar + ":" + Files.size(bootJar) + ":" + Files.getLastModifiedTime(bootJar).toMillis();
    Path stampFile = targetDir.resolve(".source");
    Path appJar = targetDir.resolve(bootJar.getFileName());
    if (Files.isRegularFile(appJar)
        && Files.isRegularFile(stampFile)
        && Files.readString(stampFile).equals(stamp)) {
      return appJar;
    }
    Files.createDirectories(targetDir);
    Path log = targetDir.resolve("extract.log");
    Process extract =
        new ProcessBuilder(
                java,
                "-Djarmode=tools",
                "-jar",
                bootJar.toString(),
                "extract",
                "--force",
                "--destination",
                targetDir.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      if (extract.waitFor(120, TimeUnit.SECONDS)
          && extract.exitValue() == 0
          && Files.isRegularFile(appJar)) {
        Files.writeString(stampFile, stamp);
        return appJar;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    extract.destroyForcibly();
    System.err.println("cannot extract " + bootJar + ", running it as is\n" + LogTail.of(log, 10));
    return bootJar;
  }

  private static boolean hasMainClass(Path jar) {
    if (!Files.isRegularFile(jar)) {
      return false;
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.getManifest() != null
          && file.getManifest().getMainAttributes().getValue("Main-Class") != null;
    } catch (IOException e) {
      return false;
    }
  }
}
