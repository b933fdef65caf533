package network.aioz.billing.funding;

import io.cloudevents.CloudEvent;
import network.aioz.shared.event.KafkaCloudEvents;
import network.aioz.shared.outbox.Inbox;
import network.aioz.shared.outbox.OutboxAutoConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes the chain adapter's {@code DepositConfirmed} events on {@code chain.deposit}; the event
 * id is recorded in the transaction of the credit (a redelivery changes nothing), and the deposit's
 * own key makes a new event for the same log change nothing either.
 */
@Component
class DepositConsumer {

  static final String TOPIC = "chain.deposit";
  static final String CONFIRMED = "network.aioz.chain.DepositConfirmed";
  static final String CONSUMER = "billing.funding.deposits";
  private static final Logger log = LoggerFactory.getLogger(DepositConsumer.class);

  private final Inbox inbox;
  private final Deposits deposits;
  private final JsonMapper json;

  DepositConsumer(Inbox inbox, Deposits deposits, JsonMapper json) {
    this.inbox = inbox;
    this.deposits = deposits;
    this.json = json;
  }

  @KafkaListener(
      id = "billing-deposits",
      topics = "${billing.deposits.topic:" + TOPIC + "}",
      groupId = "billing-service.deposits",
      containerFactory = OutboxAutoConfiguration.LISTENER_FACTORY)
  void on(ConsumerRecord<String, byte[]> record) {
    // a record that is no CloudEvent is parked on the DLT by the listener factory; a deposit report
    // with bad fields is kept as a rejection by Deposits, where operators look for deposits
    CloudEvent event = KafkaCloudEvents.fromRecord(record);
    if (!CONFIRMED.equals(event.getType())) {
      log.debug("skipping {} {}", event.getType(), event.getId());
      return;
    }
    JsonNode data = data(event);
    inbox.process(CONSUMER, event, e -> deposits.confirmed(e.getId(), data));
  }

  private JsonNode data(CloudEvent event) {
    try {
      return json.readTree(KafkaCloudEvents.data(event));
    } catch (JacksonException e) {
      return null;
    }
  }
}
