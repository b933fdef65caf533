package network.aioz.webhook.ingest;

import java.util.Map;
import network.aioz.shared.outbox.OutboxAutoConfiguration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

/**
 * A batch variant of shared-lib's CloudEvents listener factory: records as (String, byte[]),
 * offsets committed after each batch, a failing batch (the database is away) retried with backoff.
 * Malformed records never fail a batch: the consumer skips them.
 */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

  static final String BATCH_FACTORY = "webhookBatchListenerFactory";

  @Bean(BATCH_FACTORY)
  ConcurrentKafkaListenerContainerFactory<String, byte[]> webhookBatchListenerFactory(
      KafkaProperties kafka) {
    return OutboxAutoConfiguration.batchListenerFactory(
        kafka, Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500));
  }
}
