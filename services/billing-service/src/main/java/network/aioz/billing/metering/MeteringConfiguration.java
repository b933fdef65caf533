package network.aioz.billing.metering;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

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
    Map<String, Object> config = kafka.buildConsumerProperties();
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
    config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, fetchMinBytes);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) fetchMaxWait.toMillis());
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
    ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
    backOff.setMaxInterval(10_000);
    var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
    factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config));
    factory.setBatchListener(true);
    factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
    factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
    return factory;
  }
}
