package network.aioz.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import network.aioz.localstack.LocalStack;
import network.aioz.localstack.LocalStackOptions;

/**
 * One local stack for every end-to-end test class of the run: starting 14 edges and five services
 * takes most of the suite's time, so it happens once; it stops when the test JVM exits, and its
 * data directory goes with it.
 */
final class E2eStack {

  static final int EDGES = 14;
  private static LocalStack stack;

  private E2eStack() {}

  private static void deleteRecursively(Path dir) {
    try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException ignored) {
                  // a file a process still writes; the rest goes
                }
              });
    } catch (IOException ignored) {
      // nothing to delete
    }
  }

  static synchronized LocalStack get() {
    if (stack == null) {
      Path dataDir;
      try {
        dataDir = Files.createTempDirectory("aioz-e2e");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      stack =
          LocalStack.start(
              LocalStackOptions.builder()
                  .dataDir(dataDir)
                  .edges(EDGES)
                  .freePorts(true)
                  .fresh(true)
                  .env(
                      "ledger-service",
                      Map.of(
                          "LEDGER_EPOCH_LENGTH", "PT8S",
                          "LEDGER_EPOCH_GRACE", "PT1S",
                          "LEDGER_SEAL_INTERVAL", "PT0.5S"))
                  .env(
                      "storage-service",
                      Map.of(
                          // fault tests wait for an offline node's pieces to move
                          "STORAGE_OFFLINEREPAIRAFTER", "PT15S",
                          "STORAGE_HOUSEKEEPINGINTERVAL", "PT2S",
                          "STORAGE_NODEREFRESHINTERVAL", "PT2S",
                          "STORAGE_REPAIRINTERVAL", "PT1S"))
                  .progress(line -> System.out.println("[local-stack] " + line))
                  .build());
      LocalStack started = stack;
      Path data = dataDir;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    started.close();
                    // 1.5 GiB a run (PostgreSQL, Kafka, pieces, extracted jars); -De2e.keep-data
                    // keeps it for a look afterwards
                    if (System.getProperty("e2e.keep-data") == null) {
                      deleteRecursively(data);
                    }
                  },
                  "e2e-stack-stop"));
    }
    return stack;
  }
}
