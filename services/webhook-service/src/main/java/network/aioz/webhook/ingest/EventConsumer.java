package network.aioz.webhook.ingest;

import io.cloudevents.CloudEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.aioz.shared.event.KafkaCloudEvents;
import network.aioz.shared.outbox.Inbox;
import network.aioz.webhook.delivery.Messages;
import network.aioz.webhook.support.EventTypes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes the platform's events on {@code webhook.topics}: an event of a known type whose data
 * names a {@code tenantId} becomes one message, fanned out to the tenant's subscribed endpoints, in
 * the transaction that records the event id (so a redelivered event is one message). Other events
 * are skipped.
 */
@Component
class EventConsumer {

  static final String CONSUMER = "webhook.fan-out";
  static final String DEFAULT_TOPICS =
      "storage.object,identity.credential,webhook.endpoint,billing.account";
  private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

  private final Inbox inbox;
  private final Messages messages;
  private final EventTypes eventTypes;
  private final JsonMapper json;

  EventConsumer(Inbox inbox, Messages messages, EventTypes eventTypes, JsonMapper json) {
    this.inbox = inbox;
    this.messages = messages;
    this.eventTypes = eventTypes;
    this.json = json;
  }

  /** What the fan-out needs of one event. */
  private record Accepted(String tenantId, String publicType, JsonNode data) {}

  /**
   * One transaction per poll: the inbox records the batch's event ids and the new events are fanned
   * out in the same commit, which is what keeps up with a busy topic.
   */
  @KafkaListener(
      id = "webhook-fan-out",
      topics = "#{'${webhook.topics:" + DEFAULT_TOPICS + "}'.split(',')}",
      groupId = "webhook-service.fan-out",
      containerFactory = IngestConfiguration.BATCH_FACTORY)
  void on(List<ConsumerRecord<String, byte[]>> records) {
    List<CloudEvent> events = new ArrayList<>(records.size());
    Map<String, Accepted> accepted = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      CloudEvent event;
      try {
        event = KafkaCloudEvents.fromRecord(record);
      } catch (RuntimeException e) {
        log.warn(
            "skipping a record on {} that is no CloudEvent: {}", record.topic(), e.getMessage());
        continue;
      }
      accept(event)
          .ifPresent(
              a -> {
                events.add(event);
                accepted.putIfAbsent(event.getId(), a);
              });
    }
    inbox.processBatch(
        CONSUMER,
        events,
        fresh -> {
          for (CloudEvent e : fresh) {
            Accepted a = accepted.get(e.getId());
            messages.publish(e.getId(), a.tenantId(), a.publicType(), e.getTime(), a.data());
          }
        });
  }

  private Optional<Accepted> accept(CloudEvent event) {
    Optional<String> publicType = eventTypes.publicType(event.getType());
    if (publicType.isEmpty()) {
      return Optional.empty();
    }
    Optional<JsonNode> data = data(event);
    if (data.isEmpty()) {
      return Optional.empty();
    }
    String tenantId = data.get().path("tenantId").asString("");
    if (tenantId.isBlank()) {
      log.debug("skipping {} {}: no tenantId in its data", event.getType(), event.getId());
      return Optional.empty();
    }
    return Optional.of(new Accepted(tenantId, publicType.get(), data.get()));
  }

  private Optional<JsonNode> data(CloudEvent event) {
    try {
      JsonNode node = json.readTree(KafkaCloudEvents.data(event));
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (JacksonException e) {
      log.warn("skipping {} {}: its data is not JSON", event.getType(), event.getId());
      return Optional.empty();
    }
  }
}
