package network.aioz.ledger.proof;

import io.cloudevents.CloudEvent;
import java.util.UUID;
import network.aioz.ledger.edge.EdgeRegistry;
import network.aioz.ledger.receipt.Receipts;
import network.aioz.ledger.reputation.AuditOutcome;
import network.aioz.ledger.task.ProofOutcome;
import network.aioz.ledger.task.Task;
import network.aioz.ledger.task.TaskService;
import network.aioz.shared.edge.EdgeKeys;
import network.aioz.shared.event.KafkaCloudEvents;
import network.aioz.shared.outbox.Inbox;
import network.aioz.shared.outbox.OutboxAutoConfiguration;
import network.aioz.shared.receipt.WorkKind;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Turns proof results into ledger facts in one transaction with the event's inbox entry: a passed
 * proof proves a submitted task, earns the node reputation and yields a work receipt; a failed one
 * fails and reassigns an open task and costs reputation; an inconclusive one counts on the
 * unknown-audit track only. Storage is proven again and again for the life of a piece: a result for
 * a store task already proven or settled, or a pass before the edge submitted, counts as an audit
 * and leaves the task (and its one receipt) as it is.
 */
@Component
class ProofResults {

  static final String TOPIC = "proof.result";
  static final String PASSED = "network.aioz.proof.ProofPassed";
  static final String FAILED = "network.aioz.proof.ProofFailed";
  static final String INCONCLUSIVE = "network.aioz.proof.ProofInconclusive";
  private static final Logger log = LoggerFactory.getLogger(ProofResults.class);

  private final TaskService tasks;
  private final EdgeRegistry registry;
  private final Receipts receipts;
  private final Inbox inbox;

  ProofResults(TaskService tasks, EdgeRegistry registry, Receipts receipts, Inbox inbox) {
    this.tasks = tasks;
    this.registry = registry;
    this.receipts = receipts;
    this.inbox = inbox;
  }

  @KafkaListener(
      topics = TOPIC,
      groupId = "ledger-service.proofs",
      containerFactory = OutboxAutoConfiguration.LISTENER_FACTORY)
  void on(ConsumerRecord<String, byte[]> record) {
    CloudEvent event = KafkaCloudEvents.fromRecord(record);
    inbox.process("ledger.proof-result", event, this::apply);
  }

  void apply(CloudEvent event) {
    ProofResult parsed = KafkaCloudEvents.data(event, ProofResult.class);
    ProofResult result =
        new ProofResult(
            parsed.taskId(),
            EdgeKeys.checksum(parsed.nodeAddress()),
            parsed.proofRef(),
            parsed.reason());
    UUID taskId = UUID.fromString(result.taskId());
    switch (event.getType()) {
      case PASSED ->
          tasks
              .proofPassed(taskId, result.nodeAddress(), result.proofRef())
              .ifPresent(
                  outcome -> {
                    Task task = outcome.task();
                    // holding the piece is the work of a store task, so every pass counts as done
                    registry.recordAudit(task.nodeAddress(), AuditOutcome.PASS, true);
                    if (outcome.effect() == ProofOutcome.Effect.PROVEN) {
                      receipts.record(
                          task.id(),
                          task.nodeAddress(),
                          WorkKind.valueOf(task.kind().name()),
                          task.units(),
                          result.proofRef());
                    }
                  });
      case FAILED ->
          tasks
              .proofFailed(taskId, result.nodeAddress(), String.valueOf(result.reason()))
              .ifPresent(
                  outcome -> registry.recordAudit(result.nodeAddress(), AuditOutcome.FAIL, false));
      case INCONCLUSIVE -> registry.recordAudit(result.nodeAddress(), AuditOutcome.UNKNOWN, false);
      default -> log.warn("ignoring proof event of unknown type {}", event.getType());
    }
  }
}
