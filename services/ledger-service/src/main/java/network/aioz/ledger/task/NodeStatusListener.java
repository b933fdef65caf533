package network.aioz.ledger.task;

import io.cloudevents.CloudEvent;
import java.util.Set;
import network.aioz.shared.event.KafkaCloudEvents;
import network.aioz.shared.outbox.Inbox;
import network.aioz.shared.outbox.OutboxAutoConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * When a node is suspended or ejected (the registry's {@code EdgeStatusChanged}), the tasks it
 * still holds are withdrawn and reassigned, so work does not wait on a node that may no longer do
 * it.
 */
@Component
class NodeStatusListener {

  private static final String STATUS_CHANGED = TaskEvents.PREFIX + "EdgeStatusChanged";
  private static final Set<String> OUT_OF_SERVICE = Set.of("SUSPENDED", "EJECTED");

  private final TaskService service;
  private final Inbox inbox;

  NodeStatusListener(TaskService service, Inbox inbox) {
    this.service = service;
    this.inbox = inbox;
  }

  /** The fields of the registry's event this listener reads. */
  record StatusChanged(String address, String from, String to, String reason) {}

  @KafkaListener(
      topics = "ledger.edge",
      groupId = "ledger-service.node-status",
      containerFactory = OutboxAutoConfiguration.LISTENER_FACTORY)
  void on(ConsumerRecord<String, byte[]> record) {
    CloudEvent event = KafkaCloudEvents.fromRecord(record);
    if (!STATUS_CHANGED.equals(event.getType())) {
      return;
    }
    StatusChanged change = KafkaCloudEvents.data(event, StatusChanged.class);
    if (!OUT_OF_SERVICE.contains(change.to())) {
      return;
    }
    inbox.process(
        "ledger.withdraw-tasks",
        event,
        e ->
            service.withdrawFrom(
                change.address(), "node " + change.to().toLowerCase() + ": " + change.reason()));
  }
}
