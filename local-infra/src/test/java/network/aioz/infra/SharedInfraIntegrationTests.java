package network.aioz.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class SharedInfraIntegrationTests {

  @Test
  void brokerKeepsMessagesAcrossGracefulStopAndKill() throws Exception {
    String topic = "infra-test-" + UUID.randomUUID();
    String bootstrap = SharedInfra.kafkaBootstrapServers();
    KafkaBroker broker = SharedInfra.kafka();
    long firstPid = broker.pid();

    produce(bootstrap, topic, "before-stop");
    assertThat(consumeAll(bootstrap, topic, 1)).containsExactly("before-stop");

    broker.stop();
    assertThat(broker.isRunning()).isFalse();
    assertThat(FreePorts.accepts("127.0.0.1", broker.port())).isFalse();
    broker.start();
    assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
    assertThat(broker.pid()).isNotEqualTo(firstPid);
    produce(bootstrap, topic, "after-restart");

    broker.kill();
    broker.start();
    assertThat(consumeAll(bootstrap, topic, 2)).containsExactly("before-stop", "after-restart");
  }

  @Test
  void postgresCreatesDatabasesIdempotentlyWithDurableCommits() throws Exception {
    String url = SharedInfra.database("infra_test");
    assertThat(SharedInfra.database("infra_test")).isEqualTo(url);
    PostgresServer postgres = SharedInfra.postgres();

    try (Connection connection = postgres.connect("infra_test");
        Statement statement = connection.createStatement()) {
      statement.execute("create table if not exists note (id int primary key, text varchar)");
      statement.execute("insert into note values (1, 'kept') on conflict do nothing");
      try (ResultSet rows = statement.executeQuery("select text from note where id = 1")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("kept");
      }
      try (ResultSet rows = statement.executeQuery("show synchronous_commit")) {
        rows.next();
        assertThat(rows.getString(1)).isEqualTo("on");
      }
      try (ResultSet rows = statement.executeQuery("select current_database()")) {
        rows.next();
        assertThat(rows.getString(1)).isEqualTo("infra_test");
      }
    }
    assertThat(url).isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/infra_test");
  }

  private static void produce(String bootstrap, String topic, String value) throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      producer.send(new ProducerRecord<>(topic, "key", value)).get();
    }
  }

  private static List<String> consumeAll(String bootstrap, String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            "infra-test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class);
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
