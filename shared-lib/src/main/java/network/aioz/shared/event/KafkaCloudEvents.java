package network.aioz.shared.event;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.time.OffsetDateTime;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes CloudEvents 1.0 on Kafka in binary content mode: the attributes travel as {@code
 * ce_*} headers, the data (JSON) as the record value, and the aggregate id as both the record key
 * (so all events of one aggregate land on one partition, in order) and the event's {@code subject}.
 */
public final class KafkaCloudEvents {

  public static final String JSON = "application/json";

  /** The CloudEvents Kafka binding's extension for the record key. */
  public static final String PARTITION_KEY = "partitionkey";

  /**
   * A consumer keeps a copy of the fields it reads: fields a producer adds later must not break it.
   */
  private static final JsonMapper CONSUMER_JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private KafkaCloudEvents() {}

  public static CloudEvent event(
      String id,
      URI source,
      String type,
      String aggregateId,
      OffsetDateTime time,
      byte[] jsonData) {
    return CloudEventBuilder.v1()
        .withId(id)
        .withSource(source)
        .withType(type)
        .withSubject(aggregateId)
        .withTime(time)
        .withDataContentType(JSON)
        .withExtension(PARTITION_KEY, aggregateId)
        .withData(jsonData)
        .build();
  }

  public static ProducerRecord<String, byte[]> toRecord(String topic, CloudEvent event) {
    Object key = event.getExtension(PARTITION_KEY);
    String recordKey = key != null ? key.toString() : event.getSubject();
    return KafkaMessageFactory.createWriter(topic, recordKey).writeBinary(event);
  }

  /**
   * Parses a record written by {@link #toRecord}.
   *
   * @throws io.cloudevents.rw.CloudEventRWException when the record is not a binary-mode CloudEvent
   */
  public static CloudEvent fromRecord(ConsumerRecord<String, byte[]> record) {
    return KafkaMessageFactory.createReader(record).toEvent();
  }

  /** The event's data bytes, or an empty array when it has none. */
  public static byte[] data(CloudEvent event) {
    return event.getData() == null ? new byte[0] : event.getData().toBytes();
  }

  /**
   * The event's JSON data read as {@code type}, ignoring fields {@code type} does not declare.
   *
   * @throws tools.jackson.core.JacksonException when the data is missing or not JSON of that shape
   */
  public static <T> T data(CloudEvent event, Class<T> type) {
    return CONSUMER_JSON.readValue(data(event), type);
  }
}
