package network.aioz.billing.funding;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes the chain adapter's answers to {@code WithdrawalRequested} on {@code chain.withdrawal}:
 * {@code WithdrawalConfirmed {refundId, txHash}} posts the refund's hold, {@code WithdrawalFailed
 * {refundId, reason}} voids it; each in the transaction that records the event id.
 */
@Component
class WithdrawalConsumer {

  static final String TOPIC = "chain.withdrawal";
  static final String CONFIRMED = "network.aioz.chain.WithdrawalConfirmed";
  static final String FAILED = "network.aioz.chain.WithdrawalFailed";
  static final String CONSUMER = "billing.funding.withdrawals";
  private static final Logger log = LoggerFactory.getLogger(WithdrawalConsumer.class);

  private final Inbox inbox;
  private final Refunds refunds;
  private final JsonMapper json;

  WithdrawalConsumer(Inbox inbox, Refunds refunds, JsonMapper json) {
    this.inbox = inbox;
    this.refunds = refunds;
    this.json = json;
  }

  @KafkaListener(
      id = "billing-withdrawals",
      topics = "${billing.refunds.topic:" + TOPIC + "}",
      groupId = "billing-service.withdrawals",
      containerFactory = OutboxAutoConfiguration.LISTENER_FACTORY)
  void on(ConsumerRecord<String, byte[]> record) {
    CloudEvent event;
    JsonNode data;
    UUID refundId;
    try {
      event = KafkaCloudEvents.fromRecord(record);
      data = json.readTree(KafkaCloudEvents.data(event));
      refundId = UUID.fromString(data.path("refundId").asString(""));
    } catch (RuntimeException e) {
      log.warn("skipping a malformed record on {}: {}", record.topic(), e.getMessage());
      return;
    }
    switch (event.getType()) {
      case CONFIRMED ->
          inbox.process(
              CONSUMER,
              event,
              e -> refunds.confirmed(refundId, data.path("txHash").asString(null), "chain"));
      case FAILED ->
          inbox.process(
              CONSUMER,
              event,
              e -> refunds.failed(refundId, data.path("reason").asString("failed"), "chain"));
      default -> log.debug("skipping {} {}", event.getType(), event.getId());
    }
  }
}
