package network.aioz.shared.outbox;

import io.cloudevents.rw.CloudEventRWException;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import network.aioz.shared.event.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives every service that has a database and Kafka the same outbox, relay, inbox and CloudEvents
 * listener factory.
 */
@AutoConfiguration(
    after = {
      DataSourceTransactionManagerAutoConfiguration.class,
      JdbcTemplateAutoConfiguration.class,
      KafkaAutoConfiguration.class
    })
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(name = "platform.outbox.enabled", matchIfMissing = true)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

  /** Name of the listener container factory for CloudEvents consumers. */
  public static final String LISTENER_FACTORY = "cloudEventListenerFactory";

  /**
   * Migrates the outbox and inbox tables with a history table of their own, so they evolve
   * independently of the service's migrations.
   */
  @Bean
  PlatformSchema platformSchema(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/platform")
        .table("platform_schema_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
    return new PlatformSchema();
  }

  @Bean
  @ConditionalOnMissingBean
  OutboxRelay outboxRelay(
      PlatformSchema schema,
      JdbcTemplate jdbc,
      PlatformTransactionManager transactionManager,
      KafkaProperties kafka,
      OutboxProperties settings) {
    Map<String, Object> config = kafka.buildProducerProperties();
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.putIfAbsent(
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        (int) Math.max(15_000, settings.sendTimeout().toMillis()));
    config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
    return new OutboxRelay(
        jdbc, new TransactionTemplate(transactionManager), new KafkaProducer<>(config), settings);
  }

  @Bean
  @ConditionalOnMissingBean
  Outbox outbox(
      JdbcTemplate jdbc,
      ObjectProvider<JsonMapper> jsonMapper,
      ObjectProvider<Clock> clock,
      OutboxProperties settings,
      @Value("${spring.application.name:service}") String applicationName,
      OutboxRelay relay) {
    URI source =
        URI.create(settings.source() != null ? settings.source() : "urn:aioz:" + applicationName);
    return new Outbox(
        jdbc,
        jsonMapper.getIfAvailable(JsonMapper::new),
        source,
        clock.getIfAvailable(Clock::systemUTC),
        relay::wakeUp);
  }

  @Bean
  @ConditionalOnMissingBean
  Inbox inbox(
      PlatformSchema schema, JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
    return new Inbox(jdbc, new TransactionTemplate(transactionManager));
  }

  /**
   * Consumers of CloudEvents get records as (String key, byte[] value) and parse them with {@code
   * KafkaCloudEvents.fromRecord}. A record that keeps failing is retried with backoff, then parked
   * on {@code <topic>.DLT} so one poison event cannot stop a partition; a malformed one (not a
   * CloudEvent, data of the wrong shape, {@link MalformedEventException}) is parked at once.
   */
  @Bean(LISTENER_FACTORY)
  ConcurrentKafkaListenerContainerFactory<String, byte[]> cloudEventListenerFactory(
      KafkaProperties kafka) {
    Map<String, Object> consumerConfig = kafka.buildConsumerProperties();
    consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerConfig.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");

    Map<String, Object> producerConfig = kafka.buildProducerProperties();
    producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    KafkaTemplate<String, byte[]> deadLetters =
        new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producerConfig));

    ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
    backOff.setMaxInterval(10_000);
    backOff.setMaxElapsedTime(60_000);

    var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
    factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(consumerConfig));
    // offsets are committed once per poll, not per record: the inbox already makes a redelivered
    // record harmless, and a commit per record costs a broker round trip on busy topics
    factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
    // <topic>.DLT, as the platform documents it (Spring Kafka's own default is <topic>-dlt); the
    // producer picks the partition, the dead-letter topic need not have as many as the original
    var parking =
        new DeadLetterPublishingRecoverer(
            deadLetters, (record, e) -> new TopicPartition(record.topic() + ".DLT", -1));
    var errors = new DefaultErrorHandler(parking, backOff);
    // a record no retry can mend is parked at once: not a CloudEvent, data of the wrong shape
    errors.addNotRetryableExceptions(
        CloudEventRWException.class, JacksonException.class, MalformedEventException.class);
    factory.setCommonErrorHandler(errors);
    return factory;
  }

  /**
   * A batch variant for consumers that record a whole poll in one transaction (the inbox's {@code
   * processBatch}): records as (String, byte[]), offsets committed after each batch, a failing
   * batch (the database is away) retried with backoff for as long as it takes, never dropped.
   * {@code overrides} are consumer settings on top of Spring Boot's ({@code max.poll.records},
   * fetch sizes).
   */
  public static ConcurrentKafkaListenerContainerFactory<String, byte[]> batchListenerFactory(
      KafkaProperties kafka, Map<String, Object> overrides) {
    Map<String, Object> config = kafka.buildConsumerProperties();
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.putAll(overrides);
    ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
    backOff.setMaxInterval(10_000);
    var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
    factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config));
    factory.setBatchListener(true);
    factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
    factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
    return factory;
  }

  /** Marker that the platform tables exist. */
  public static final class PlatformSchema {
    PlatformSchema() {}
  }
}
