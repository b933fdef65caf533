package network.aioz.chain.support;

import io.cloudevents.CloudEvent;
import java.util.List;
import java.util.function.Predicate;
import network.aioz.infra.SharedInfra;
import network.aioz.shared.event.KafkaCloudEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
    return events(SharedInfra.keyedRecords(topic, key, records -> done.test(events(records))));
  }

  private static List<CloudEvent> events(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(KafkaCloudEvents::fromRecord).toList();
  }

  public static JsonNode data(CloudEvent event) {
    return JSON.readTree(KafkaCloudEvents.data(event));
  }
}
