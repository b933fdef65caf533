package network.aioz.billing.metering;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes usage events from {@code billing.metering.topics}, one transaction per poll. A failing
 * poll (the database is away) is retried with backoff; a malformed event never fails one.
 */
@Component
class UsageConsumer {

  static final String DEFAULT_TOPICS = "storage.usage";
  private static final Logger log = LoggerFactory.getLogger(UsageConsumer.class);

  private final Ingestion ingestion;

  UsageConsumer(Ingestion ingestion) {
    this.ingestion = ingestion;
  }

  @KafkaListener(
      id = "billing-metering",
      topics = "#{'${billing.metering.topics:" + DEFAULT_TOPICS + "}'.split(',')}",
      groupId = "${billing.metering.group-id:billing-service.metering}",
      concurrency = "${billing.metering.concurrency:4}",
      autoStartup = "${billing.metering.enabled:true}",
      containerFactory = MeteringConfiguration.BATCH_FACTORY)
  void on(List<ConsumerRecord<String, byte[]>> records) {
    Ingestion.Outcome outcome = ingestion.record(records);
    if (log.isDebugEnabled()) {
      log.debug(
          "metered {} events ({} duplicates, {} rejected)",
          outcome.fresh(),
          outcome.duplicates(),
          outcome.rejected());
    }
  }
}
