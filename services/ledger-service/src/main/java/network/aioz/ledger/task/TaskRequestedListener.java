package network.aioz.ledger.task;

import io.cloudevents.CloudEvent;
import java.util.UUID;
import network.aioz.shared.event.KafkaCloudEvents;
import network.aioz.shared.outbox.Inbox;
import network.aioz.shared.outbox.OutboxAutoConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Assigns requested tasks from their {@code TaskRequested} events, so a service that asked for work
 * does not wait for the decision; duplicates are dropped by the inbox.
 */
@Component
class TaskRequestedListener {

  private static final String REQUESTED = TaskEvents.PREFIX + "TaskRequested";

  private final TaskService service;
  private final Inbox inbox;

  TaskRequestedListener(TaskService service, Inbox inbox) {
    this.service = service;
    this.inbox = inbox;
  }

  @KafkaListener(
      topics = TaskEvents.TOPIC,
      groupId = "ledger-service.assignment",
      containerFactory = OutboxAutoConfiguration.LISTENER_FACTORY)
  void on(ConsumerRecord<String, byte[]> record) {
    CloudEvent event = KafkaCloudEvents.fromRecord(record);
    if (!REQUESTED.equals(event.getType())) {
      return;
    }
    inbox.process(
        "ledger.assign-requested",
        event,
        e -> service.assignRequested(UUID.fromString(e.getSubject())));
  }
}
