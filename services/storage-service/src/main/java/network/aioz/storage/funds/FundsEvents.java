package network.aioz.storage.funds;

import io.cloudevents.CloudEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import network.aioz.shared.event.KafkaCloudEvents;
import network.aioz.shared.outbox.Inbox;
import network.aioz.shared.outbox.OutboxAutoConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code tenant_funds} in step with billing's {@code FundsRestored} and {@code
 * FundsExhausted} on {@code billing.account} (keyed by tenant, so one tenant's events arrive in
 * order), idempotently through the inbox.
 */
@Component
class FundsEvents {

  private static final Logger log = LoggerFactory.getLogger(FundsEvents.class);
  static final String TOPIC = "billing.account";
  static final String RESTORED = "network.aioz.billing.FundsRestored";
  static final String EXHAUSTED = "network.aioz.billing.FundsExhausted";

  /** The fields storage reads of both events. */
  record Standing(String tenantId, String at) {}

  private final TenantStandings standings;
  private final Inbox inbox;

  FundsEvents(TenantStandings standings, Inbox inbox) {
    this.standings = standings;
    this.inbox = inbox;
  }

  @KafkaListener(
      topics = TOPIC,
      groupId = "storage-service.funds",
      containerFactory = OutboxAutoConfiguration.LISTENER_FACTORY)
  void on(ConsumerRecord<String, byte[]> record) {
    CloudEvent event = KafkaCloudEvents.fromRecord(record);
    boolean restored = RESTORED.equals(event.getType());
    if (!restored && !EXHAUSTED.equals(event.getType())) {
      return;
    }
    Standing standing = KafkaCloudEvents.data(event, Standing.class);
    if (standing.tenantId() == null) {
      log.warn("{} {} has no tenantId: ignored", event.getType(), event.getId());
      return;
    }
    Instant at = at(standing, event);
    inbox.process(
        "storage.funds",
        event,
        e -> {
          boolean recorded = standings.record(standing.tenantId(), restored, at);
          log.info(
              "tenant {} {} at {}{}",
              standing.tenantId(),
              restored ? "funded" : "out of funds",
              at,
              recorded ? "" : " (older than the standing recorded: ignored)");
        });
  }

  private static Instant at(Standing standing, CloudEvent event) {
    if (standing.at() != null) {
      try {
        return Instant.parse(standing.at());
      } catch (DateTimeParseException e) {
        log.warn("{} {} has an unreadable time {}", event.getType(), event.getId(), standing.at());
      }
    }
    return event.getTime() != null ? event.getTime().toInstant() : Instant.now();
  }
}
