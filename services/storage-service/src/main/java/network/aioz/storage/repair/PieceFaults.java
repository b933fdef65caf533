package network.aioz.storage.repair;

import io.cloudevents.CloudEvent;
import java.util.Set;
import java.util.UUID;
import network.aioz.shared.event.KafkaCloudEvents;
import network.aioz.shared.outbox.Inbox;
import network.aioz.shared.outbox.OutboxAutoConfiguration;
import network.aioz.storage.data.BlobRepository;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Facts from elsewhere that a piece is no longer safe where it is, each taking the piece off its
 * node and queueing its segment for repair (idempotently, through the inbox): a failed storage
 * proof, a node suspended or ejected, a store task its node failed.
 */
@Component
class PieceFaults {

  private static final Logger log = LoggerFactory.getLogger(PieceFaults.class);
  static final String PROOF_FAILED = "network.aioz.proof.ProofFailed";
  static final String STATUS_CHANGED = "network.aioz.ledger.EdgeStatusChanged";
  static final String TASK_FAILED = "network.aioz.ledger.TaskFailed";
  private static final Set<String> OUT_OF_SERVICE = Set.of("SUSPENDED", "EJECTED");

  private final BlobRepository blobs;
  private final Inbox inbox;

  PieceFaults(BlobRepository blobs, Inbox inbox) {
    this.blobs = blobs;
    this.inbox = inbox;
  }

  record ProofResult(
      String taskId, String nodeAddress, String reason, String kind, String pieceId) {}

  record StatusChanged(String address, String from, String to, String reason) {}

  record TaskFailed(String taskId, String nodeAddress, String reason) {}

  @KafkaListener(
      topics = "proof.result",
      groupId = "storage-service.proof-failures",
      containerFactory = OutboxAutoConfiguration.LISTENER_FACTORY)
  void onProof(ConsumerRecord<String, byte[]> record) {
    CloudEvent event = KafkaCloudEvents.fromRecord(record);
    if (!PROOF_FAILED.equals(event.getType())) {
      return;
    }
    ProofResult result = KafkaCloudEvents.data(event, ProofResult.class);
    if (!"storage".equals(result.kind()) || result.pieceId() == null) {
      return;
    }
    inbox.process(
        "storage.proof-failures",
        event,
        e -> {
          boolean moved =
              blobs.markMissingById(
                  UUID.fromString(result.pieceId()), "proof failed: " + result.reason());
          if (moved) {
            log.info(
                "piece {} failed its proof ({}): repairing", result.pieceId(), result.reason());
          }
        });
  }

  @KafkaListener(
      topics = "ledger.edge",
      groupId = "storage-service.node-status",
      containerFactory = OutboxAutoConfiguration.LISTENER_FACTORY)
  void onNodeStatus(ConsumerRecord<String, byte[]> record) {
    CloudEvent event = KafkaCloudEvents.fromRecord(record);
    if (!STATUS_CHANGED.equals(event.getType())) {
      return;
    }
    StatusChanged change = KafkaCloudEvents.data(event, StatusChanged.class);
    if (!OUT_OF_SERVICE.contains(change.to())) {
      return;
    }
    inbox.process(
        "storage.node-status",
        event,
        e -> {
          int moved =
              blobs.markMissingOnNode(
                  change.address(), "node " + change.to().toLowerCase() + ": " + change.reason());
          log.info("node {} is {}: {} piece(s) to repair", change.address(), change.to(), moved);
        });
  }

  @KafkaListener(
      topics = "ledger.task",
      groupId = "storage-service.task-failures",
      containerFactory = OutboxAutoConfiguration.LISTENER_FACTORY)
  void onTask(ConsumerRecord<String, byte[]> record) {
    CloudEvent event = KafkaCloudEvents.fromRecord(record);
    if (!TASK_FAILED.equals(event.getType())) {
      return;
    }
    TaskFailed failed = KafkaCloudEvents.data(event, TaskFailed.class);
    inbox.process(
        "storage.task-failures",
        event,
        e ->
            blobs.markMissingByTask(
                UUID.fromString(failed.taskId()), "task failed: " + failed.reason()));
  }
}
