package network.aioz.chain.support;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import network.aioz.infra.SharedInfra;
import network.aioz.shared.event.KafkaCloudEvents;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Publishes the producers' events the adapter settles from, as the task ledger ({@code EpochSealed}
 * on {@code ledger.epoch}) and billing ({@code RewardsSealed} on {@code billing.reward}) write
 * them; hands out epoch numbers that only grow, so tests sharing one chain never collide.
 */
public final class SealedEpochs {

  private static final AtomicLong NEXT = new AtomicLong(1_000);
  private static KafkaProducer<String, byte[]> producer;

  private SealedEpochs() {}

  /** A fresh epoch number above every one handed out before. */
  public static long next() {
    return NEXT.addAndGet(10);
  }

  public static String root(String seed) {
    return Numeric.toHexString(Hash.sha3(seed.getBytes(StandardCharsets.UTF_8)));
  }

  /** The ledger's EpochSealed for {@code epoch}, after {@code previous} (null: the first). */
  public static String epochSealed(
      String topic, long epoch, Long previous, String receiptsRoot, int receipts) {
    return publish(
        topic,
        epoch,
        "network.aioz.ledger.EpochSealed",
        "{\"epoch\":"
            + epoch
            + ",\"startsAt\":\"2026-11-23T00:00:00Z\",\"endsAt\":\"2026-11-23T01:00:00Z\""
            + ",\"root\":\""
            + receiptsRoot
            + "\",\"receiptCount\":"
            + receipts
            + ",\"previousEpoch\":"
            + previous
            + ",\"sealedAt\":\"2026-11-23T01:00:05Z\",\"nodeTotals\":[],\"nodeStats\":[]}");
  }

  /** Billing's RewardsSealed for {@code epoch} with fee totals (base units). */
  public static String rewardsSealed(
      String topic,
      long epoch,
      String rewardsRoot,
      long creators,
      long edges,
      long validators,
      long treasury,
      long burned) {
    return publish(
        topic,
        epoch,
        "network.aioz.billing.RewardsSealed",
        "{\"epoch\":"
            + epoch
            + ",\"root\":\""
            + rewardsRoot
            + "\",\"total\":\"0\",\"edges\":0,\"pool\":\"0\",\"unallocated\":\"0\""
            + ",\"fees\":{\"creators\":\""
            + creators
            + "\",\"edges\":\""
            + edges
            + "\",\"validators\":\""
            + validators
            + "\",\"treasury\":\""
            + treasury
            + "\",\"burned\":\""
            + burned
            + "\"},\"sealedAt\":\"2026-11-23T01:00:06Z\"}");
  }

  /** Any payload under any type: for malformed events. */
  public static String publish(String topic, long key, String type, String json) {
    String id = UUID.randomUUID().toString();
    send(
        topic,
        KafkaCloudEvents.event(
            id,
            URI.create("/tests"),
            type,
            Long.toString(key),
            OffsetDateTime.now(),
            json.getBytes(StandardCharsets.UTF_8)));
    return id;
  }

  /** Publishes an event again under its own id (a redelivery). */
  public static void send(String topic, io.cloudevents.CloudEvent event) {
    synchronized (SealedEpochs.class) {
      if (producer == null) {
        producer = SharedInfra.eventProducer();
      }
    }
    try {
      producer.send(KafkaCloudEvents.toRecord(topic, event)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
