package network.aioz.webhook.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import network.aioz.webhook.support.EventTypes;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates messages and queues their deliveries; the workers are woken once the transaction that
 * queued them has committed.
 */
@Service
public class Messages {

  /** The result of queueing one message to one endpoint. */
  public record Queued(String messageId, UUID deliveryId) {}

  private final DeliveryQueue queue;
  private final DeliveryWorker worker;
  private final JsonMapper json;
  private final Clock clock;

  Messages(DeliveryQueue queue, DeliveryWorker worker, JsonMapper json, Clock clock) {
    this.queue = queue;
    this.worker = worker;
    this.json = json;
    this.clock = clock;
  }

  /** The stable {@code webhook-id} of the message made from a platform event. */
  public static String messageId(String eventId) {
    return "msg_" + eventId;
  }

  /**
   * Creates the message for a platform event and one delivery per subscribed endpoint of the
   * tenant, in the caller's transaction (the inbox's, so an event is fanned out once).
   *
   * @return how many deliveries were queued; 0 for an event seen before
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public int publish(
      String eventId, String tenantId, String publicType, OffsetDateTime time, JsonNode data) {
    String messageId = messageId(eventId);
    Instant now = clock.instant();
    if (!queue.insertMessage(messageId, tenantId, publicType, body(publicType, time, data), now)) {
      return 0;
    }
    int queued = queue.fanOut(messageId, tenantId, publicType, now);
    if (queued > 0) {
      wakeAfterCommit();
    }
    return queued;
  }

  /** A {@code webhook.test} message to one endpoint, sent now. */
  @Transactional
  Queued test(String tenantId, UUID endpointId) {
    Instant now = clock.instant();
    String messageId = messageId(UUID.randomUUID().toString());
    ObjectNode data = json.createObjectNode();
    data.put("tenantId", tenantId);
    data.put("endpointId", endpointId.toString());
    queue.insertMessage(
        messageId,
        tenantId,
        EventTypes.TEST,
        body(EventTypes.TEST, now.atOffset(ZoneOffset.UTC), data),
        now);
    UUID delivery = queue.enqueue(messageId, endpointId, now);
    wakeAfterCommit();
    return new Queued(messageId, delivery);
  }

  /** Another delivery of a message the endpoint was sent before, now; empty if it never was. */
  @Transactional
  java.util.Optional<Queued> replay(String messageId, UUID endpointId) {
    if (!queue.wasDelivered(messageId, endpointId)) {
      return java.util.Optional.empty();
    }
    UUID delivery = queue.enqueue(messageId, endpointId, clock.instant());
    wakeAfterCommit();
    return java.util.Optional.of(new Queued(messageId, delivery));
  }

  /** The thin payload: the public type, the event's time (RFC 3339) and the event's data. */
  String body(String type, OffsetDateTime time, JsonNode data) {
    ObjectNode body = json.createObjectNode();
    body.put("type", type);
    body.put(
        "timestamp",
        (time == null ? clock.instant().atOffset(ZoneOffset.UTC) : time)
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    body.set("data", data);
    return json.writeValueAsString(body);
  }

  private void wakeAfterCommit() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              worker.wakeUp();
            }
          });
    } else {
      worker.wakeUp();
    }
  }
}
