package network.aioz.billing;

import io.cloudevents.CloudEvent;
import java.util.List;
import java.util.function.Predicate;
import network.aioz.infra.SharedInfra;
import network.aioz.shared.event.KafkaCloudEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads what billing-service published to Kafka, as its consumers see it. */
public final class BillingEvents {

  private BillingEvents() {}

  /**
   * Events keyed {@code key} on {@code topic}, read from the start until {@code done} holds for
   * them (at most 30 s), then a second longer so that a duplicate would be seen too ({@link
   * SharedInfra#keyedRecords}).
   */
  public static List<CloudEvent> keyed(String topic, String key, Predicate<List<CloudEvent>> done) {
    return events(SharedInfra.keyedRecords(topic, key, records -> done.test(events(records))));
  }

  private static List<CloudEvent> events(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(KafkaCloudEvents::fromRecord).toList();
  }

  /** The events' types, in order. */
  public static List<String> types(List<CloudEvent> events) {
    return events.stream().map(CloudEvent::getType).toList();
  }

  /** The events of one type. */
  public static List<CloudEvent> ofType(List<CloudEvent> events, String type) {
    return events.stream().filter(e -> e.getType().equals(type)).toList();
  }
}
