package network.aioz.chain.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import network.aioz.infra.SharedInfra;
import network.aioz.shared.event.KafkaCloudEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads what the adapter published to Kafka, as its consumers see it. */
public final class ChainEvents {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ChainEvents() {}

  /**
   * Events keyed {@code key} on {@code topic}, read from the start until {@code done} holds (at
   * most 30 s), then a second longer so that a duplicate would be seen too.
   */
  public static List<CloudEvent> keyed(String topic, String key, Predicate<List<CloudEvent>> done) {
    List<CloudEvent> seen = new CopyOnWriteArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = SharedInfra.eventConsumer("chain-events")) {
      consumer.subscribe(List.of(topic));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                poll(consumer, key, seen);
                assertThat(done.test(seen)).as("%d events so far", seen.size()).isTrue();
              });
      for (int i = 0; i < 5; i++) {
        poll(consumer, key, seen);
      }
    }
    return seen;
  }

  public static JsonNode data(CloudEvent event) {
    return JSON.readTree(KafkaCloudEvents.data(event));
  }

  private static void poll(
      KafkaConsumer<String, byte[]> consumer, String key, List<CloudEvent> seen) {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
      if (key.equals(record.key())) {
        seen.add(KafkaCloudEvents.fromRecord(record));
      }
    }
  }
}
