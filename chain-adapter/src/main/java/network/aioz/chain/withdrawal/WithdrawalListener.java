package network.aioz.chain.withdrawal;

import io.cloudevents.CloudEvent;
import java.util.Optional;
import network.aioz.shared.event.KafkaCloudEvents;
import network.aioz.shared.outbox.Inbox;
import network.aioz.shared.outbox.OutboxAutoConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes billing's {@code WithdrawalRequested} on {@code billing.withdrawal}, each event once
 * (inbox); a malformed one is parked on {@code billing.withdrawal.DLT} at once.
 */
@Component
class WithdrawalListener {

  static final String REQUESTED = "network.aioz.billing.WithdrawalRequested";
  static final String CONSUMER = "chain.withdrawals";
  private static final Logger log = LoggerFactory.getLogger(WithdrawalListener.class);

  private final Inbox inbox;
  private final Withdrawals withdrawals;
  private final JsonMapper json;

  WithdrawalListener(Inbox inbox, Withdrawals withdrawals, JsonMapper json) {
    this.inbox = inbox;
    this.withdrawals = withdrawals;
    this.json = json;
  }

  @KafkaListener(
      id = "chain-withdrawals",
      topics = "${chain.topics.withdrawals:billing.withdrawal}",
      groupId = "${chain.consumer-group:chain-adapter}.withdrawals",
      containerFactory = OutboxAutoConfiguration.LISTENER_FACTORY)
  void on(ConsumerRecord<String, byte[]> record) {
    CloudEvent event = KafkaCloudEvents.fromRecord(record);
    if (!REQUESTED.equals(event.getType())) {
      log.debug("ignoring {} on {}", event.getType(), record.topic());
      return;
    }
    // data that is not JSON fails here and is parked at once by the listener factory
    Optional<WithdrawalRequest> request =
        WithdrawalRequest.parse(json.readTree(KafkaCloudEvents.data(event)));
    if (request.isEmpty()) {
      log.debug("withdrawal {} is paid by the on-ramp provider, not on chain", record.key());
      return;
    }
    inbox.process(CONSUMER, event, e -> withdrawals.requested(request.get()));
  }
}
