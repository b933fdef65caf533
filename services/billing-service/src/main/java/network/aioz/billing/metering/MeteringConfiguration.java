package network.aioz.billing.metering;

import java.util.Map;
import network.aioz.shared.outbox.OutboxAutoConfiguration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

/**
 * The usage consumer's batch listener: (String, byte[]) records, large polls (one transaction each
 * is what reaches tens of thousands of events a second), offsets committed after each batch, a
 * failing batch retried with backoff for as long as it takes, so no usage is lost.
 */
@Configuration(proxyBeanMethods = false)
class MeteringConfiguration {

  static final String BATCH_FACTORY = "meteringBatchListenerFactory";

  @Bean(BATCH_FACTORY)
  ConcurrentKafkaListenerContainerFactory<String, byte[]> meteringBatchListenerFactory(
      KafkaProperties kafka,
      @Value("${billing.metering.max-poll-records:5000}") int maxPollRecords,
      @Value("${billing.metering.fetch-min-bytes:65536}") int fetchMinBytes,
      @Value("${billing.metering.fetch-max-wait:PT0.1S}") java.time.Duration fetchMaxWait) {
    return OutboxAutoConfiguration.batchListenerFactory(
        kafka,
        Map.of(
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            maxPollRecords,
            ConsumerConfig.FETCH_MIN_BYTES_CONFIG,
            fetchMinBytes,
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
            (int) fetchMaxWait.toMillis(),
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
            4 * 1024 * 1024));
  }
}
