package network.aioz.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

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

  /**
   * Spring properties that point a service at the named database of the shared server (created if
   * missing) and at the shared broker; {@code extra} entries are added after, and win.
   */
  public static Map<String, Object> springProperties(String database, Map<String, ?> extra) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("spring.datasource.url", database(database));
    properties.put("spring.datasource.username", postgres().username());
    properties.put("spring.datasource.password", postgres().password());
    properties.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers());
    properties.putAll(extra);
    return properties;
  }

  /** {@link #springProperties(String, Map)} without extra entries. */
  public static Map<String, Object> springProperties(String database) {
    return springProperties(database, Map.of());
  }

  /**
   * A consumer of the shared broker in a new group of its own, reading from the earliest offset,
   * with string keys and byte values (CloudEvents in binary mode): how a test reads what a service
   * published.
   */
  public static KafkaConsumer<String, byte[]> eventConsumer(String groupPrefix) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafkaBootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            groupPrefix + "-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class));
  }

  /**
   * The records keyed {@code key} on {@code topic}, read from the start until {@code done} holds
   * for them (at most 30 s, else an {@link AssertionError} saying how many were seen), then a
   * second longer so that a duplicate would be seen too: how a test checks what a service
   * published, and that it published it once.
   */
  public static java.util.List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>>
      keyedRecords(
          String topic,
          String key,
          java.util.function.Predicate<
                  java.util.List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>>>
              done) {
    java.util.List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> seen =
        new java.util.ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = eventConsumer("events-" + topic)) {
      consumer.subscribe(java.util.List.of(topic));
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
      while (!done.test(seen)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              seen.size()
                  + " record(s) keyed "
                  + key
                  + " on "
                  + topic
                  + " within 30 s: not enough");
        }
        pollKeyed(consumer, key, seen);
      }
      for (int i = 0; i < 5; i++) {
        pollKeyed(consumer, key, seen);
      }
    }
    return seen;
  }

  private static void pollKeyed(
      KafkaConsumer<String, byte[]> consumer,
      String key,
      java.util.List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> seen) {
    for (var record : consumer.poll(java.time.Duration.ofMillis(200))) {
      if (key.equals(record.key())) {
        seen.add(record);
      }
    }
  }

  /**
   * A producer to the shared broker with string keys and byte values: how a test publishes
   * CloudEvents (binary mode) as another service would.
   */
  public static KafkaProducer<String, byte[]> eventProducer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafkaBootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ByteArraySerializer.class));
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
