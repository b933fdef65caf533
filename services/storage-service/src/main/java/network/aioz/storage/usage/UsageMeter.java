package network.aioz.storage.usage;

import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import network.aioz.shared.outbox.Outbox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts traffic per tenant and bucket in memory and, every {@code storage.usage-interval},
 * publishes it and a sample of stored bytes through the outbox. Traffic windows are per instance
 * (the usage id names the instance); the stored-bytes sample of a window is taken once across
 * replicas (a row per window claims it).
 */
@Component
public class UsageMeter {

  /** What a request did, for pricing. */
  public enum RequestClass {
    A,
    B
  }

  private record Key(String tenant, String bucket) {}

  private static final class Counters {
    final LongAdder egress = new LongAdder();
    final LongAdder ingress = new LongAdder();
    final LongAdder classA = new LongAdder();
    final LongAdder classB = new LongAdder();
  }

  private final Map<Key, Counters> counters = new ConcurrentHashMap<>();
  private final String instance = UUID.randomUUID().toString();
  private final Outbox outbox;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Duration interval;
  private volatile Instant windowStart;

  UsageMeter(
      Outbox outbox,
      JdbcTemplate jdbc,
      TransactionTemplate tx,
      Clock clock,
      @Value("${storage.usage-interval:PT1M}") Duration interval) {
    this.outbox = outbox;
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
    this.interval = interval;
    this.windowStart = clock.instant();
  }

  public void request(String tenant, String bucket, RequestClass kind) {
    Counters c = of(tenant, bucket);
    (kind == RequestClass.A ? c.classA : c.classB).increment();
  }

  public void egress(String tenant, String bucket, long bytes) {
    of(tenant, bucket).egress.add(bytes);
  }

  public void ingress(String tenant, String bucket, long bytes) {
    of(tenant, bucket).ingress.add(bytes);
  }

  private Counters of(String tenant, String bucket) {
    return counters.computeIfAbsent(
        new Key(tenant, bucket == null ? "" : bucket), k -> new Counters());
  }

  @Scheduled(
      fixedDelayString = "${storage.usage-interval:PT1M}",
      initialDelayString = "${storage.usage-interval:PT1M}")
  public void flush() {
    Instant start = windowStart;
    Instant end = clock.instant();
    windowStart = end;
    List<Outbox.PendingEvent> events = new ArrayList<>();
    for (Map.Entry<Key, Counters> e : counters.entrySet()) {
      Counters c = e.getValue();
      long egress = c.egress.sumThenReset();
      long ingress = c.ingress.sumThenReset();
      long a = c.classA.sumThenReset();
      long b = c.classB.sumThenReset();
      if (egress == 0 && ingress == 0 && a == 0 && b == 0) {
        continue;
      }
      Key k = e.getKey();
      events.add(
          new Outbox.PendingEvent(
              UsageEvents.TOPIC,
              k.tenant(),
              UsageEvents.TRAFFIC_RECORDED,
              new UsageEvents.TrafficRecorded(
                  "traffic/" + instance + "/" + k.tenant() + "/" + k.bucket() + "/" + start,
                  k.tenant(),
                  k.bucket(),
                  start.toString(),
                  end.toString(),
                  egress,
                  ingress,
                  a,
                  b)));
    }
    tx.executeWithoutResult(
        status -> {
          fold();
          events.addAll(storageSample(end));
          if (!events.isEmpty()) {
            outbox.appendAll(events);
          }
        });
  }

  /** Folds the stored-bytes changes written since the last fold into the counters. */
  void fold() {
    jdbc.update(
        """
        with moved as (delete from usage_delta returning tenant_id, bucket, bytes, objects)
        insert into usage_counter (tenant_id, bucket, stored_bytes, object_count)
        select tenant_id, bucket, sum(bytes), sum(objects) from moved group by tenant_id, bucket
        on conflict (tenant_id, bucket) do update
          set stored_bytes = usage_counter.stored_bytes + excluded.stored_bytes,
              object_count = usage_counter.object_count + excluded.object_count
        """);
  }

  /**
   * One stored-bytes sample per interval-aligned window across all replicas: the first replica to
   * insert the window's row takes it.
   */
  private List<Outbox.PendingEvent> storageSample(Instant now) {
    long length = interval.toMillis();
    Instant windowEnd = Instant.ofEpochMilli(now.toEpochMilli() / length * length);
    Instant windowBegin = windowEnd.minus(interval);
    int claimed =
        jdbc.update(
            "insert into usage_window (window_end) values (?) on conflict do nothing",
            Timestamp.from(windowEnd));
    if (claimed == 0) {
      return List.of();
    }
    List<Outbox.PendingEvent> events = new ArrayList<>();
    jdbc.query(
        "select tenant_id, bucket, stored_bytes, object_count from usage_counter",
        rs -> {
          String tenant = rs.getString(1);
          String bucket = rs.getString(2);
          long stored = rs.getLong(3);
          events.add(
              new Outbox.PendingEvent(
                  UsageEvents.TOPIC,
                  tenant,
                  UsageEvents.STORAGE_MEASURED,
                  new UsageEvents.StorageMeasured(
                      "storage/" + tenant + "/" + bucket + "/" + windowBegin,
                      tenant,
                      bucket,
                      windowBegin.toString(),
                      windowEnd.toString(),
                      stored,
                      rs.getLong(4),
                      BigInteger.valueOf(stored)
                          .multiply(BigInteger.valueOf(interval.toSeconds()))
                          .toString())));
        });
    return events;
  }
}
