package network.aioz.billing.metering;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import network.aioz.shared.event.KafkaCloudEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.json.JsonMapper;

/** Builds usage events as producers emit them, and polls as the consumer receives them. */
public final class UsageEventFixtures {

  static final URI SOURCE = URI.create("urn:aioz:test-producer");
  static final String TOPIC = "storage.usage";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final AtomicLong OFFSETS = new AtomicLong();

  private UsageEventFixtures() {}

  /** A month of its own for a test, far in the future so no other test or closer touches it. */
  public static Instant ownMonth() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return OffsetDateTime.of(
            r.nextInt(3000, 5000), r.nextInt(1, 13), 10, 12, 0, 0, 0, ZoneOffset.UTC)
        .toInstant();
  }

  static String monthId(Instant at) {
    return PeriodLength.MONTHLY.containing(at).id();
  }

  static CloudEvent usage(String tenant, String service, String unit, String quantity, Instant at) {
    return usage(tenant, service, unit, quantity, at, null, null);
  }

  public static CloudEvent usage(
      String tenant,
      String service,
      String unit,
      String quantity,
      Instant at,
      String creator,
      UUID hold) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("usageId", UUID.randomUUID().toString());
    data.put("tenantId", tenant);
    data.put("service", service);
    data.put("unit", unit);
    data.put("region", "eu");
    data.put("quantity", quantity);
    data.put("occurredAt", at.toString());
    if (creator != null) {
      data.put("creatorId", creator);
    }
    if (hold != null) {
      data.put("holdId", hold.toString());
    }
    return event(UsageMapping.USAGE_RECORDED, tenant, data);
  }

  static CloudEvent event(String type, String tenant, Object data) {
    return KafkaCloudEvents.event(
        UUID.randomUUID().toString(),
        SOURCE,
        type,
        tenant,
        OffsetDateTime.now(ZoneOffset.UTC),
        JSON.writeValueAsBytes(data));
  }

  static CloudEvent withRegion(CloudEvent event, String region) {
    return CloudEventBuilder.v1(event).withExtension("region", region).build();
  }

  static ProducerRecord<String, byte[]> record(CloudEvent event) {
    return KafkaCloudEvents.toRecord(TOPIC, event);
  }

  /** A producer record as a consumer would have received it. */
  static ConsumerRecord<String, byte[]> received(CloudEvent event) {
    ProducerRecord<String, byte[]> p = record(event);
    ConsumerRecord<String, byte[]> c =
        new ConsumerRecord<>(TOPIC, 0, OFFSETS.incrementAndGet(), p.key(), p.value());
    p.headers().forEach(h -> c.headers().add(h));
    return c;
  }

  public static List<ConsumerRecord<String, byte[]>> poll(CloudEvent... events) {
    return java.util.Arrays.stream(events).map(UsageEventFixtures::received).toList();
  }

  static ConsumerRecord<String, byte[]> garbage() {
    return new ConsumerRecord<>(
        TOPIC,
        0,
        OFFSETS.incrementAndGet(),
        "k",
        "not a cloudevent".getBytes(StandardCharsets.UTF_8));
  }
}
