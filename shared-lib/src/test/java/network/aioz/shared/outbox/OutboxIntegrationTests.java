package network.aioz.shared.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import network.aioz.infra.KafkaBroker;
import network.aioz.infra.SharedInfra;
import network.aioz.shared.event.KafkaCloudEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox's promise, against a real broker process and a real PostgreSQL: while the broker is
 * stopped the service keeps committing state changes with their events; once it is back every event
 * reaches the idempotent consumer, whose effect happens exactly once per event.
 */
@SpringBootTest(
    classes = OutboxIntegrationTests.App.class,
    properties = {
      "spring.application.name=outbox-test",
      "platform.outbox.poll-interval=50ms",
      "platform.outbox.max-backoff=1s",
      "spring.kafka.consumer.group-id=outbox-test",
      "spring.kafka.consumer.properties.reconnect.backoff.max.ms=1000",
      "spring.kafka.consumer.properties.session.timeout.ms=6000",
      "spring.kafka.consumer.properties.heartbeat.interval.ms=1000"
    })
class OutboxIntegrationTests {

  static final String TOPIC = "outbox.test";
  static final int EVENTS = 1500;
  private static final KafkaBroker BROKER = startBroker();

  @Autowired Outbox outbox;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate tx;

  private static KafkaBroker startBroker() {
    try {
      return KafkaBroker.builder()
          .dataDir(Files.createTempDirectory("outbox-broker"))
          .build()
          .start();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> SharedInfra.database("outbox_it"));
    registry.add("spring.datasource.username", () -> SharedInfra.postgres().username());
    registry.add("spring.datasource.password", () -> SharedInfra.postgres().password());
    registry.add("spring.kafka.bootstrap-servers", BROKER::bootstrapServers);
  }

  @AfterAll
  static void stopBroker() {
    BROKER.close();
  }

  @Test
  void everyEventArrivesExactlyOnceAcrossABrokerOutage() throws Exception {
    AtomicInteger written = new AtomicInteger();
    for (int n = 0; n < EVENTS; n++) {
      if (n == EVENTS / 3) {
        awaitReceived(n / 2);
        BROKER.stop();
      }
      if (n == 2 * EVENTS / 3) {
        assertThat(BROKER.isRunning()).isFalse();
        BROKER.start();
      }
      int sequence = n;
      tx.executeWithoutResult(
          status -> {
            jdbc.update("insert into business_fact (sequence) values (?)", sequence);
            outbox.append(
                TOPIC,
                "aggregate-" + (sequence % 7),
                "network.aioz.test.FactRecorded",
                Map.of("sequence", sequence));
          });
      written.incrementAndGet();
    }

    awaitReceived(EVENTS);
    Thread.sleep(1000); // let any redelivery arrive, so the exactly-once check below can catch it

    assertThat(jdbc.queryForObject("select count(*) from received_fact", Integer.class))
        .as("effects applied")
        .isEqualTo(EVENTS);
    assertThat(
            jdbc.queryForObject(
                "select count(distinct sequence) from received_fact", Integer.class))
        .as("distinct facts received")
        .isEqualTo(EVENTS);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from event_outbox where published_at is null", Integer.class))
        .isZero();
  }

  @Test
  void anEventOutsideATransactionIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> outbox.append(TOPIC, "k", "network.aioz.test.Orphan", Map.of()))
        .isInstanceOf(org.springframework.transaction.IllegalTransactionStateException.class);
  }

  private void awaitReceived(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      Integer received = jdbc.queryForObject("select count(*) from received_fact", Integer.class);
      if (received != null && received >= count) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "only "
            + jdbc.queryForObject("select count(*) from received_fact", Integer.class)
            + " of "
            + count
            + " events arrived; broker log: "
            + BROKER.logFile());
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {

    @Bean
    TestTables tables(JdbcTemplate jdbc, OutboxAutoConfiguration.PlatformSchema schema) {
      jdbc.execute("drop table if exists business_fact, received_fact");
      jdbc.execute("create table business_fact (sequence int primary key)");
      jdbc.execute("create table received_fact (sequence int not null, event_id text not null)");
      jdbc.execute("delete from processed_event where consumer = 'outbox-test'");
      jdbc.execute("delete from event_outbox");
      return new TestTables();
    }

    @Bean
    FactConsumer factConsumer(Inbox inbox, JdbcTemplate jdbc, TestTables tables) {
      return new FactConsumer(inbox, jdbc);
    }
  }

  static final class TestTables {}

  /** An idempotent consumer: its effect (a row) is written in the inbox's transaction. */
  static class FactConsumer {
    private final Inbox inbox;
    private final JdbcTemplate jdbc;
    private final tools.jackson.databind.json.JsonMapper json =
        tools.jackson.databind.json.JsonMapper.builder().build();

    FactConsumer(Inbox inbox, JdbcTemplate jdbc) {
      this.inbox = inbox;
      this.jdbc = jdbc;
    }

    @KafkaListener(topics = TOPIC, containerFactory = OutboxAutoConfiguration.LISTENER_FACTORY)
    void on(ConsumerRecord<String, byte[]> record) {
      var event = KafkaCloudEvents.fromRecord(record);
      assertThat(record.key()).isEqualTo(event.getSubject());
      inbox.process(
          "outbox-test",
          event,
          e -> {
            int sequence = json.readTree(KafkaCloudEvents.data(e)).get("sequence").asInt();
            jdbc.update(
                "insert into received_fact (sequence, event_id) values (?, ?)",
                sequence,
                e.getId());
          });
    }
  }
}
