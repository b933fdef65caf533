package network.aioz.chain.withdrawal;

import io.cloudevents.CloudEvent;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import network.aioz.infra.SharedInfra;
import network.aioz.shared.event.KafkaCloudEvents;
import org.apache.kafka.clients.producer.KafkaProducer;

/** Billing's {@code WithdrawalRequested} events, as billing's {@code Refunds} writes them. */
final class WithdrawalRequests {

  static final String TOPIC = "billing.withdrawal";
  private static KafkaProducer<String, byte[]> producer;

  private WithdrawalRequests() {}

  static String toChain(UUID refundId, String address, BigInteger amount, Instant expiresAt) {
    return "{\"refundId\":\""
        + refundId
        + "\",\"tenantId\":\""
        + UUID.randomUUID()
        + "\",\"amount\":\""
        + amount
        + "\",\"destination\":{\"type\":\"chain\",\"address\":\""
        + address
        + "\"},\"expiresAt\":\""
        + expiresAt
        + "\"}";
  }

  /** A new event (its own id) keyed by the refund. */
  static CloudEvent event(String key, String json) {
    return KafkaCloudEvents.event(
        UUID.randomUUID().toString(),
        URI.create("/billing-service"),
        WithdrawalListener.REQUESTED,
        key,
        OffsetDateTime.now(),
        json.getBytes(StandardCharsets.UTF_8));
  }

  static CloudEvent publish(String topic, String key, String json) {
    CloudEvent event = event(key, json);
    send(topic, event);
    return event;
  }

  /** Sends {@code event} (again, for a redelivery). */
  static synchronized void send(String topic, CloudEvent event) {
    if (producer == null) {
      producer = SharedInfra.eventProducer();
    }
    try {
      producer.send(KafkaCloudEvents.toRecord(topic, event)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
