package network.aioz.benchmarks.metering;

import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import network.aioz.benchmarks.support.InProcessService;
import network.aioz.benchmarks.support.Options;
import network.aioz.billing.BillingApplication;
import network.aioz.infra.SharedInfra;
import network.aioz.shared.event.KafkaCloudEvents;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Usage events ingested, deduplicated and aggregated per second by billing-service's metering,
 * through the real Kafka broker into the real PostgreSQL (durable commits). Pre-produces M
 * CloudEvents ({@code network.aioz.billing.UsageRecorded}, a fraction of them republished
 * duplicates with the same source and id) for T tenants on a topic of P partitions, then starts the
 * service's listener (concurrency P) and times from its start until every unique event is counted
 * in the aggregates. A bare KafkaConsumer draining the same topic without the database is the
 * baseline. Target: at least 50,000 events/s.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks exec:exec@metering} ({@code -Dmetering.args="--events
 * 1000000 --duplicates 0.1 --tenants 1000"}).
 */
public final class MeteringThroughput {

  static final double TARGET = 50_000;
  private static final URI SOURCE = URI.create("urn:aioz:bench-producer");

  private MeteringThroughput() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    int events = Integer.parseInt(options.getOrDefault("events", "1000000"));
    double duplicates = Double.parseDouble(options.getOrDefault("duplicates", "0.1"));
    int tenants = Integer.parseInt(options.getOrDefault("tenants", "1000"));
    int partitions = Integer.parseInt(options.getOrDefault("partitions", "4"));
    int pollRecords = Integer.parseInt(options.getOrDefault("max-poll-records", "5000"));
    Duration limit = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout-s", "600")));
    String topic = "bench.usage." + UUID.randomUUID().toString().substring(0, 8);

    System.out.printf(
        "metering benchmark: %,d events (%.0f%% duplicates), %,d tenants, %d partitions%n",
        events, duplicates * 100, tenants, partitions);
    System.out.println("starting PostgreSQL and Kafka ...");
    String kafka = SharedInfra.kafkaBootstrapServers();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }
    long unique = produce(kafka, topic, events, duplicates, tenants);

    double baseline = baseline(kafka, topic, events);

    String database = "metering_bench_" + UUID.randomUUID().toString().substring(0, 8);
    String url = SharedInfra.database(database);
    ConfigurableApplicationContext service =
        startService(kafka, url, topic, partitions, pollRecords);
    try (Connection db =
        DriverManager.getConnection(
            url, SharedInfra.postgres().username(), SharedInfra.postgres().password())) {
      KafkaListenerEndpointRegistry registry = service.getBean(KafkaListenerEndpointRegistry.class);
      long start = System.nanoTime();
      registry.getListenerContainer("billing-metering").start();
      long deadline = start + limit.toNanos();
      long counted = 0;
      long last = 0;
      long lastTime = start;
      while (counted < unique && System.nanoTime() < deadline) {
        Thread.sleep(1_000);
        counted = counted(db);
        long now = System.nanoTime();
        System.out.printf(
            "  %,d / %,d unique events aggregated (%,.0f/s over the last %.1f s)%n",
            counted, unique, (counted - last) / ((now - lastTime) / 1e9), (now - lastTime) / 1e9);
        last = counted;
        lastTime = now;
      }
      double seconds = (lastTime - start) / 1e9;
      long seen = count(db, "select count(*) from metering_seen");
      double rate = events / seconds;
      System.out.println();
      System.out.printf("| figure | target | measured |%n|---|---|---|%n");
      System.out.printf(
          "| events/s ingested + deduplicated + aggregated (all %,d records, listener start to last"
              + " aggregate committed) | >= %,.0f | %,.0f (%.2f s) |%n",
          events, TARGET, rate, seconds);
      System.out.printf(
          "| baseline: bare KafkaConsumer draining the topic, no database | - | %,.0f |%n",
          baseline);
      System.out.printf(
          "unique events %,d, counted %,d, dedup rows %,d, duplicates dropped %,d%n",
          unique, counted, seen, events - seen);
      if (counted != unique || seen != unique) {
        System.err.printf("FAILED: %,d of %,d unique events counted%n", counted, unique);
        System.exit(1);
      }
    } finally {
      service.close();
    }
    System.exit(0);
  }

  /** Publishes {@code events} records, {@code duplicates} of them republished; unique count. */
  private static long produce(
      String kafka, String topic, int events, double duplicates, int tenants) throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ByteArraySerializer.class,
            ProducerConfig.LINGER_MS_CONFIG,
            20,
            ProducerConfig.BATCH_SIZE_CONFIG,
            256 * 1024,
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            "lz4");
    Random random = new Random(42);
    List<ProducerRecord<String, byte[]>> sent = new ArrayList<>();
    String at = OffsetDateTime.now(ZoneOffset.UTC).toString();
    String[] units = {"inference-unit", "request", "pinned-byte-second"};
    String[] services = {"ai", "ai", "pin"};
    long unique = 0;
    long start = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
      for (int i = 0; i < events; i++) {
        ProducerRecord<String, byte[]> record;
        if (!sent.isEmpty() && random.nextDouble() < duplicates) {
          // the same CloudEvent again, as a redelivering outbox relay would publish it
          record = sent.get(random.nextInt(sent.size()));
        } else {
          String tenant = "bench-" + random.nextInt(tenants);
          int u = random.nextInt(units.length);
          String data =
              "{\"usageId\":\""
                  + UUID.randomUUID()
                  + "\",\"tenantId\":\""
                  + tenant
                  + "\",\"service\":\""
                  + services[u]
                  + "\",\"unit\":\""
                  + units[u]
                  + "\",\"region\":\"eu\",\"quantity\":\""
                  + (1 + random.nextInt(1_000_000))
                  + "\",\"occurredAt\":\""
                  + at
                  + "\"}";
          CloudEvent event =
              KafkaCloudEvents.event(
                  UUID.randomUUID().toString(),
                  SOURCE,
                  "network.aioz.billing.UsageRecorded",
                  tenant,
                  OffsetDateTime.now(ZoneOffset.UTC),
                  data.getBytes(java.nio.charset.StandardCharsets.UTF_8));
          record = KafkaCloudEvents.toRecord(topic, event);
          if (sent.size() < 100_000) {
            sent.add(record);
          } else {
            sent.set(random.nextInt(sent.size()), record);
          }
          unique++;
        }
        producer.send(record);
        if ((i + 1) % 200_000 == 0) {
          System.out.printf("  produced %,d%n", i + 1);
        }
      }
      producer.flush();
    }
    System.out.printf(
        "produced %,d records (%,d unique events) in %.2f s%n",
        events, unique, (System.nanoTime() - start) / 1e9);
    return unique;
  }

  /** Records per second a bare consumer drains the topic with. */
  private static double baseline(String kafka, String topic, int events) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "baseline-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
    long count = 0;
    long start = System.nanoTime();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      while (count < events) {
        count += consumer.poll(Duration.ofMillis(500)).count();
      }
    }
    double rate = count / ((System.nanoTime() - start) / 1e9);
    System.out.printf("baseline: a bare consumer drained %,d records at %,.0f/s%n", count, rate);
    return rate;
  }

  private static long counted(Connection db) throws Exception {
    return count(db, "select coalesce(sum(events), 0) from metering_usage");
  }

  private static long count(Connection db, String sql) throws Exception {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static ConfigurableApplicationContext startService(
      String kafka, String url, String topic, int partitions, int pollRecords) throws IOException {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put(
        "spring.datasource.url",
        url
            + (url.contains("?") ? "&" : "?")
            + "reWriteBatchedInserts=true&options=-c%20synchronous_commit%3Don");
    settings.put("spring.datasource.username", SharedInfra.postgres().username());
    settings.put("spring.datasource.password", SharedInfra.postgres().password());
    settings.put("spring.kafka.bootstrap-servers", kafka);
    settings.put("platform.identity.public-key", benchKey());
    settings.put("server.port", "0");
    settings.put("billing.metering.topics", topic);
    settings.put("billing.metering.group-id", "bench-" + UUID.randomUUID());
    settings.put("billing.metering.concurrency", Integer.toString(partitions));
    settings.put("billing.metering.max-poll-records", Integer.toString(pollRecords));
    // started by the benchmark once the service is up, so startup is not timed
    settings.put("billing.metering.enabled", "false");
    settings.put("billing.charging.interval", "PT1H");
    settings.put("logging.level.root", "WARN");
    settings.put("spring.main.banner-mode", "off");
    return InProcessService.start(BillingApplication.class, settings);
  }

  private static String benchKey() {
    return network.aioz.shared.identity.PemKeys.toPem(
        (java.security.interfaces.ECPublicKey)
            network.aioz.shared.identity.PemKeys.generateP256().getPublic());
  }

  private static Map<String, String> options(String[] args) {
    return Options.parse(
        args,
        "[--events N] [--duplicates F] [--tenants T] [--partitions P]"
            + " [--max-poll-records R] [--timeout-s S]");
  }
}
