package network.aioz.billing.funding;

import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import network.aioz.billing.BillingApi;
import network.aioz.infra.SharedInfra;
import network.aioz.shared.event.KafkaCloudEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import tools.jackson.databind.JsonNode;

/** HTTP calls to the running service, Kafka in and out, as the funding tests use them. */
final class FundingApi extends BillingApi {

  private static KafkaProducer<String, byte[]> producer;

  FundingApi(int port) {
    super(port);
  }

  static synchronized void publish(
      String topic, String eventId, String type, String key, Object data) {
    if (producer == null) {
      producer = SharedInfra.eventProducer();
    }
    CloudEvent event =
        KafkaCloudEvents.event(
            eventId,
            URI.create("urn:aioz:chain-adapter"),
            type,
            key,
            OffsetDateTime.now(ZoneOffset.UTC),
            JSON.writeValueAsBytes(data));
    producer.send(KafkaCloudEvents.toRecord(topic, event));
    producer.flush();
  }

  /**
   * The events of {@code type} on {@code topic} whose key is {@code key}, after waiting until at
   * least {@code atLeast} arrived and a little longer (to see a duplicate that should not be).
   */
  static List<JsonNode> events(String topic, String key, String type, int atLeast) {
    List<JsonNode> seen = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = SharedInfra.eventConsumer("funding-tests")) {
      consumer.subscribe(List.of(topic));
      Runnable poll =
          () -> {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
              if (key.equals(record.key())) {
                CloudEvent event = KafkaCloudEvents.fromRecord(record);
                if (type.equals(event.getType())) {
                  seen.add(JSON.readTree(KafkaCloudEvents.data(event)));
                }
              }
            }
          };
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                poll.run();
                return seen.size() >= atLeast;
              });
      for (int i = 0; i < 5; i++) {
        poll.run();
      }
    }
    return seen;
  }
}
