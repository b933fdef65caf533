package network.aioz.billing.reward;

import io.cloudevents.CloudEvent;
import network.aioz.shared.event.KafkaCloudEvents;
import network.aioz.shared.outbox.Inbox;
import network.aioz.shared.outbox.OutboxAutoConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Pays each sealed epoch once, in the transaction that records the event in the inbox. Epochs are
 * paid in the order they arrive, whatever their numbers: each takes the pool as it stands then.
 */
@Component
class EpochSealedListener {

  static final String CONSUMER = "billing.rewards";
  private static final Logger log = LoggerFactory.getLogger(EpochSealedListener.class);

  private final Inbox inbox;
  private final Rewards rewards;

  EpochSealedListener(Inbox inbox, Rewards rewards) {
    this.inbox = inbox;
    this.rewards = rewards;
  }

  @KafkaListener(
      id = "billing-rewards",
      topics = EpochSealed.TOPIC,
      groupId = "billing-service.rewards",
      containerFactory = OutboxAutoConfiguration.LISTENER_FACTORY)
  void on(ConsumerRecord<String, byte[]> record) {
    CloudEvent event = KafkaCloudEvents.fromRecord(record);
    if (!EpochSealed.TYPE.equals(event.getType())) {
      log.debug("ignoring {} on {}", event.getType(), record.topic());
      return;
    }
    inbox.process(CONSUMER, event, e -> rewards.pay(KafkaCloudEvents.data(e, EpochSealed.class)));
  }
}
