package network.aioz.billing.funding;

import io.cloudevents.CloudEvent;
import java.util.UUID;
import network.aioz.shared.event.KafkaCloudEvents;
import network.aioz.shared.event.MalformedEventException;
import network.aioz.shared.outbox.Inbox;
import network.aioz.shared.outbox.OutboxAutoConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

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

  /** The fields this consumer reads of either answer. */
  record Answer(UUID refundId, String txHash, String reason) {}

  private final Inbox inbox;
  private final Refunds refunds;

  WithdrawalConsumer(Inbox inbox, Refunds refunds) {
    this.inbox = inbox;
    this.refunds = refunds;
  }

  /** A malformed answer is parked on the topic's DLT by the listener factory, never guessed at. */
  @KafkaListener(
      id = "billing-withdrawals",
      topics = "${billing.refunds.topic:" + TOPIC + "}",
      groupId = "billing-service.withdrawals",
      containerFactory = OutboxAutoConfiguration.LISTENER_FACTORY)
  void on(ConsumerRecord<String, byte[]> record) {
    CloudEvent event = KafkaCloudEvents.fromRecord(record);
    boolean confirmed = CONFIRMED.equals(event.getType());
    if (!confirmed && !FAILED.equals(event.getType())) {
      log.debug("skipping {} {}", event.getType(), event.getId());
      return;
    }
    Answer answer = KafkaCloudEvents.data(event, Answer.class);
    if (answer.refundId() == null) {
      throw new MalformedEventException(event.getType() + " " + event.getId() + " has no refundId");
    }
    if (confirmed && (answer.txHash() == null || answer.txHash().isBlank())) {
      // a payout is posted only against the transaction that paid it
      throw new MalformedEventException(event.getType() + " " + event.getId() + " has no txHash");
    }
    inbox.process(
        CONSUMER,
        event,
        e -> {
          if (confirmed) {
            refunds.confirmed(answer.refundId(), answer.txHash(), "chain");
          } else {
            refunds.failed(
                answer.refundId(), answer.reason() == null ? "failed" : answer.reason(), "chain");
          }
        });
  }
}
