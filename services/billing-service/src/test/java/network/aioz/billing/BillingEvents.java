package network.aioz.billing;

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

/** Reads what billing-service published to Kafka, as its consumers see it. */
public final class BillingEvents {

  private BillingEvents() {}

  /**
   * Events keyed {@code key} on {@code topic}, read from the start until {@code done} holds for
   * them (at most 30 s), then a second longer so that a duplicate would be seen too.
   */
  public static List<CloudEvent> keyed(String topic, String key, Predicate<List<CloudEvent>> done) {
    List<CloudEvent> seen = new CopyOnWriteArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = SharedInfra.eventConsumer("billing-events")) {
      consumer.subscribe(List.of(topic));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                poll(consumer, key, seen);
                assertThat(done.test(seen)).as("events so far: %s", types(seen)).isTrue();
              });
      for (int i = 0; i < 5; i++) {
        poll(consumer, key, seen);
      }
    }
    return seen;
  }

  /** The events' types, in order. */
  public static List<String> types(List<CloudEvent> events) {
    return events.stream().map(CloudEvent::getType).toList();
  }

  /** The events of one type. */
  public static List<CloudEvent> ofType(List<CloudEvent> events, String type) {
    return events.stream().filter(e -> e.getType().equals(type)).toList();
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
