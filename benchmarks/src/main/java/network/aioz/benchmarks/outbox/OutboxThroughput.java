package network.aioz.benchmarks.outbox;

import io.cloudevents.CloudEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import network.aioz.infra.KafkaBroker;
import network.aioz.infra.PostgresServer;
import network.aioz.shared.event.KafkaCloudEvents;
import network.aioz.shared.outbox.Inbox;
import network.aioz.shared.outbox.Outbox;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Outbox-to-consumer events per second through a real broker: a writer commits business rows with
 * their events (100 per transaction, fsync on), the outbox relay publishes them, and an idempotent
 * consumer applies each event exactly once through the inbox in its own database. The figure is
 * events consumed per second from the first write to the last effect. Target (issue 2): at least
 * 10,000 events/s.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am install -DskipTests && ./mvnw -q -pl benchmarks
 * exec:exec@outbox} ({@code -Doutbox.events=N} to change the count).
 */
public final class OutboxThroughput {

  static final String TOPIC = "bench.outbox";
  static final double TARGET = 10_000;

  private OutboxThroughput() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    Path work = Files.createTempDirectory("outbox-bench");
    System.out.printf("outbox benchmark: %,d events, work dir %s%n", events, work);
    try (PostgresServer postgres =
            PostgresServer.builder().dataDir(work.resolve("postgres")).build().start();
        KafkaBroker kafka = KafkaBroker.builder().dataDir(work.resolve("kafka")).build().start()) {
      String producerDb = postgres.createDatabase("producer");
      String consumerDb = postgres.createDatabase("consumer");
      try (ConfigurableApplicationContext producer =
              service(producerDb, postgres, kafka, "bench-producer");
          ConfigurableApplicationContext consumer =
              service(consumerDb, postgres, kafka, "bench-consumer")) {
        run(events, producer, consumer, kafka);
      }
    }
  }

  private static void run(
      int events,
      ConfigurableApplicationContext producerContext,
      ConfigurableApplicationContext consumerContext,
      KafkaBroker kafka)
      throws InterruptedException {
    JdbcTemplate producerDb = producerContext.getBean(JdbcTemplate.class);
    TransactionTemplate producerTx = producerContext.getBean(TransactionTemplate.class);
    Outbox outbox = producerContext.getBean(Outbox.class);
    JdbcTemplate consumerDb = consumerContext.getBean(JdbcTemplate.class);
    Inbox inbox = consumerContext.getBean(Inbox.class);
    producerDb.execute("create table if not exists business_fact (sequence int primary key)");
    consumerDb.execute("create table if not exists applied_fact (sequence int not null)");

    AtomicLong consumed = new AtomicLong();
    Thread consumerThread =
        Thread.ofPlatform()
            .name("bench-consumer")
            .start(() -> consume(kafka, inbox, consumerDb, consumed, events));

    long start = System.nanoTime();
    Thread writer =
        Thread.ofPlatform()
            .name("bench-writer")
            .start(
                () -> {
                  for (int from = 0; from < events; from += 100) {
                    int first = from;
                    int last = Math.min(events, from + 100);
                    producerTx.executeWithoutResult(
                        status -> {
                          List<Object[]> rows = new ArrayList<>();
                          for (int n = first; n < last; n++) {
                            rows.add(new Object[] {n});
                          }
                          producerDb.batchUpdate(
                              "insert into business_fact (sequence) values (?)", rows);
                          List<Outbox.PendingEvent> facts = new ArrayList<>();
                          for (int n = first; n < last; n++) {
                            facts.add(
                                new Outbox.PendingEvent(
                                    TOPIC,
                                    "aggregate-" + (n % 64),
                                    "network.aioz.bench.FactRecorded",
                                    Map.of("sequence", n)));
                          }
                          outbox.appendAll(facts);
                        });
                  }
                });

    long lastPrint = 0;
    while (consumed.get() < events) {
      Thread.sleep(200);
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      if (elapsedMs - lastPrint >= 2000) {
        lastPrint = elapsedMs;
        Long published =
            producerDb.queryForObject(
                "select count(*) from event_outbox where published_at is not null", Long.class);
        System.out.printf(
            "  %5.1f s  written %,d  published %,d  consumed %,d%n",
            elapsedMs / 1000.0,
            producerDb.queryForObject("select count(*) from business_fact", Long.class),
            published,
            consumed.get());
      }
      if (elapsedMs > Duration.ofMinutes(10).toMillis()) {
        throw new IllegalStateException("benchmark did not finish in 10 minutes");
      }
    }
    writer.join();
    consumerThread.join();
    double seconds = (System.nanoTime() - start) / 1e9;
    long applied = consumerDb.queryForObject("select count(*) from applied_fact", Long.class);
    long distinct =
        consumerDb.queryForObject("select count(distinct sequence) from applied_fact", Long.class);
    double rate = events / seconds;
    System.out.println();
    System.out.println("| figure | target | measured |");
    System.out.println("|---|---|---|");
    System.out.printf(
        "| outbox-to-consumer events/s (%,d events, fsync on) | >= %,.0f | %,.0f |%n",
        events, TARGET, rate);
    System.out.printf(
        "effects applied %,d, distinct %,d (must both equal %,d)%n", applied, distinct, events);
    if (applied != events || distinct != events) {
      throw new IllegalStateException("events were lost or applied twice");
    }
  }

  private static void consume(
      KafkaBroker kafka, Inbox inbox, JdbcTemplate db, AtomicLong consumed, int events) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-consumer");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      while (consumed.get() < events) {
        var records = consumer.poll(Duration.ofMillis(200));
        if (records.isEmpty()) {
          continue;
        }
        List<CloudEvent> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
          batch.add(KafkaCloudEvents.fromRecord(record));
        }
        int fresh =
            inbox.processBatch(
                "bench",
                batch,
                newEvents ->
                    db.batchUpdate(
                        "insert into applied_fact (sequence) values (?)",
                        newEvents.stream().map(e -> new Object[] {sequenceOf(e)}).toList()));
        consumer.commitSync();
        consumed.addAndGet(fresh);
      }
    }
  }

  private static int sequenceOf(CloudEvent event) {
    String json = new String(KafkaCloudEvents.data(event), java.nio.charset.StandardCharsets.UTF_8);
    int colon = json.indexOf(':');
    return Integer.parseInt(json.substring(colon + 1, json.indexOf('}')).trim());
  }

  private static ConfigurableApplicationContext service(
      String jdbcUrl, PostgresServer postgres, KafkaBroker kafka, String name) {
    // as command-line arguments: they outrank any application.yml on the classpath
    Map<String, String> settings =
        Map.of(
            "spring.application.name",
            name,
            "spring.datasource.url",
            jdbcUrl,
            "spring.datasource.username",
            postgres.username(),
            "spring.datasource.password",
            postgres.password(),
            "spring.kafka.bootstrap-servers",
            kafka.bootstrapServers(),
            "spring.flyway.enabled",
            "false",
            "logging.level.root",
            "WARN",
            "platform.outbox.batch-size",
            "2000",
            "platform.outbox.poll-interval",
            "20ms");
    return new SpringApplicationBuilder(Service.class)
        .web(WebApplicationType.NONE)
        .logStartupInfo(false)
        .bannerMode(org.springframework.boot.Banner.Mode.OFF)
        .run(
            settings.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Service {}
}
