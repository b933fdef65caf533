package network.aioz.ledger.task;

import io.cloudevents.CloudEvent;
import java.util.UUID;
import network.aioz.shared.event.KafkaCloudEvents;
import network.aioz.shared.outbox.Inbox;
import network.aioz.shared.outbox.OutboxAutoConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The storage service's {@code PieceReleased} (topic {@code storage.piece}) releases the piece's
 * store task, so its node drops the piece and stops being credited for it.
 */
@Component
class PieceReleaseListener {

  static final String RELEASED = "network.aioz.storage.PieceReleased";
  private static final Logger log = LoggerFactory.getLogger(PieceReleaseListener.class);

  private final TaskService service;
  private final Inbox inbox;

  PieceReleaseListener(TaskService service, Inbox inbox) {
    this.service = service;
    this.inbox = inbox;
  }

  /** The fields of the storage service's event this listener reads. */
  record PieceReleased(String pieceId, String taskId, String nodeAddress, String reason) {}

  @KafkaListener(
      topics = "storage.piece",
      groupId = "ledger-service.piece-release",
      containerFactory = OutboxAutoConfiguration.LISTENER_FACTORY)
  void on(ConsumerRecord<String, byte[]> record) {
    CloudEvent event = KafkaCloudEvents.fromRecord(record);
    if (!RELEASED.equals(event.getType())) {
      return;
    }
    PieceReleased released = KafkaCloudEvents.data(event, PieceReleased.class);
    UUID taskId;
    try {
      taskId = UUID.fromString(String.valueOf(released.taskId()));
    } catch (IllegalArgumentException e) {
      log.warn("ignoring PieceReleased {} without a task id", event.getId());
      return;
    }
    inbox.process(
        "ledger.piece-release",
        event,
        e -> service.release(taskId, "piece released: " + released.reason()));
  }
}
