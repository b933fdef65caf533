package network.aioz.chain.settlement;

import io.cloudevents.CloudEvent;
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

/** Consumes {@code ledger.epoch} and {@code billing.reward}, each event once (inbox). */
@Component
class SealedEventsListener {

  static final String EPOCH_SEALED = "network.aioz.ledger.EpochSealed";
  static final String REWARDS_SEALED = "network.aioz.billing.RewardsSealed";
  private static final Logger log = LoggerFactory.getLogger(SealedEventsListener.class);

  private final Inbox inbox;
  private final SealedEvents sealed;
  private final JsonMapper json;

  SealedEventsListener(Inbox inbox, SealedEvents sealed, JsonMapper json) {
    this.inbox = inbox;
    this.sealed = sealed;
    this.json = json;
  }

  @KafkaListener(
      id = "chain-epochs",
      topics = "${chain.topics.epochs:ledger.epoch}",
      groupId = "${chain.consumer-group:chain-adapter}.epochs",
      containerFactory = OutboxAutoConfiguration.LISTENER_FACTORY)
  void onEpoch(ConsumerRecord<String, byte[]> record) {
    take(record, EPOCH_SEALED, "chain.epochs", sealed::epochSealed);
  }

  @KafkaListener(
      id = "chain-rewards",
      topics = "${chain.topics.rewards:billing.reward}",
      groupId = "${chain.consumer-group:chain-adapter}.rewards",
      containerFactory = OutboxAutoConfiguration.LISTENER_FACTORY)
  void onRewards(ConsumerRecord<String, byte[]> record) {
    take(record, REWARDS_SEALED, "chain.rewards", sealed::rewardsSealed);
  }

  /**
   * Hands an event of {@code type} to {@code effect} once (inbox {@code consumer}); other types on
   * the topic are ignored, and data that is not JSON is parked at once by the listener factory.
   */
  private void take(
      ConsumerRecord<String, byte[]> record,
      String type,
      String consumer,
      java.util.function.Consumer<JsonNode> effect) {
    CloudEvent event = KafkaCloudEvents.fromRecord(record);
    if (!type.equals(event.getType())) {
      log.debug("ignoring {} on {}", event.getType(), record.topic());
      return;
    }
    JsonNode data = json.readTree(KafkaCloudEvents.data(event));
    inbox.process(consumer, event, e -> effect.accept(data));
  }
}
