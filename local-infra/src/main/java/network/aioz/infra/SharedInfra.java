package network.aioz.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One Kafka broker and one PostgreSQL server per test JVM, started on first use and stopped when
 * the JVM exits, so that many test classes pay for each server only once.
 */
public final class SharedInfra {

  private static Path root;
  private static KafkaBroker kafka;
  private static PostgresServer postgres;
  private static boolean hookInstalled;

  private SharedInfra() {}

  /** Bootstrap servers of the shared broker, starting it if needed. */
  public static synchronized String kafkaBootstrapServers() {
    return kafka().bootstrapServers();
  }

  /** The shared broker, started; tests may stop and restart it but must leave it running. */
  public static synchronized KafkaBroker kafka() {
    if (kafka == null) {
      KafkaBroker broker = KafkaBroker.builder().dataDir(root().resolve("kafka")).build();
      broker.start();
      kafka = broker;
    }
    return kafka;
  }

  /** The shared PostgreSQL server, started. */
  public static synchronized PostgresServer postgres() {
    if (postgres == null) {
      PostgresServer server = PostgresServer.builder().dataDir(root().resolve("postgres")).build();
      server.start();
      postgres = server;
    }
    return postgres;
  }

  /** JDBC URL of the named database on the shared server, created if it does not exist. */
  public static synchronized String database(String name) {
    return postgres().createDatabase(name);
  }

  private static Path root() {
    if (root == null) {
      try {
        root = Files.createTempDirectory("aioz-infra-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (!hookInstalled) {
      Runtime.getRuntime().addShutdownHook(new Thread(SharedInfra::shutdown, "shared-infra-stop"));
      hookInstalled = true;
    }
    return root;
  }

  private static synchronized void shutdown() {
    try {
      if (kafka != null) {
        kafka.stop();
      }
    } finally {
      if (postgres != null) {
        postgres.close();
      }
      deleteQuietly(root);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A leftover temp directory is harmless.
    }
  }
}
