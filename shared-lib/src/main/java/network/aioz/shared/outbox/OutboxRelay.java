package network.aioz.shared.outbox;

import io.cloudevents.CloudEvent;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import network.aioz.shared.event.KafkaCloudEvents;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes committed outbox events to Kafka, oldest first, and marks them published once the
 * broker acknowledged them.
 *
 * <p>Delivery is at least once: if the process dies after the broker's acknowledgement and before
 * the mark is committed, the batch is sent again and consumers drop the duplicates by event id.
 * While Kafka is unreachable the relay backs off and retries; nothing is lost because the events
 * stay in the table until acknowledged. One relay per database publishes at a time (a
 * transaction-scoped advisory lock), which keeps the per-aggregate order even with several replicas
 * of a service.
 */
public class OutboxRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final long RELAY_LOCK = 0x6f7574626f78L; // "outbox"

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Producer<String, byte[]> producer;
  private final OutboxProperties settings;
  private final Semaphore wakeUp = new Semaphore(0);
  private volatile boolean running;
  private Thread worker;
  private long lastCleanup;

  OutboxRelay(
      JdbcTemplate jdbc,
      TransactionTemplate tx,
      Producer<String, byte[]> producer,
      OutboxProperties settings) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.producer = producer;
    this.settings = settings;
  }

  /** Asks the relay to look at the table now instead of at its next poll. */
  public void wakeUp() {
    if (wakeUp.availablePermits() == 0) {
      wakeUp.release();
    }
  }

  @Override
  public synchronized void start() {
    running = true;
    worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
  }

  @Override
  public synchronized void stop() {
    running = false;
    wakeUp.release();
    if (worker != null) {
      try {
        worker.join(settings.sendTimeout().toMillis() + 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    producer.close(Duration.ofSeconds(5));
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // stop after the web server and listeners, so events raised by the last requests still go out
    return Integer.MAX_VALUE - 2048;
  }

  private void run() {
    Duration backoff = Duration.ofMillis(100);
    boolean failing = false;
    while (running) {
      try {
        int published = publishBatch();
        if (failing) {
          log.info("outbox relay publishing again");
          failing = false;
        }
        backoff = Duration.ofMillis(100);
        cleanupNowAndThen();
        if (published < settings.batchSize()) {
          wakeUp.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (!failing) {
          log.warn("outbox relay cannot publish yet, will retry: {}", rootMessage(e));
          failing = true;
        }
        sleep(backoff);
        backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
      }
    }
  }

  /** Publishes one batch; returns how many events it published. */
  int publishBatch() {
    Integer count =
        tx.execute(
            status -> {
              Boolean locked =
                  jdbc.queryForObject(
                      "select pg_try_advisory_xact_lock(?)", Boolean.class, RELAY_LOCK);
              if (!Boolean.TRUE.equals(locked)) {
                return 0;
              }
              List<Row> rows =
                  jdbc.query(
                      "select position, event_id, topic, message_key, event_type, source, occurred_at,"
                          + " payload from event_outbox where published_at is null"
                          + " order by position limit ?",
                      (rs, n) ->
                          new Row(
                              rs.getLong("position"),
                              rs.getString("event_id"),
                              rs.getString("topic"),
                              rs.getString("message_key"),
                              rs.getString("event_type"),
                              rs.getString("source"),
                              rs.getObject("occurred_at", java.time.OffsetDateTime.class),
                              rs.getBytes("payload")),
                      settings.batchSize());
              if (rows.isEmpty()) {
                return 0;
              }
              List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
              for (Row row : rows) {
                acks.add(producer.send(KafkaCloudEvents.toRecord(row.topic(), row.toEvent())));
              }
              awaitAll(acks);
              Long[] positions = rows.stream().map(Row::position).toArray(Long[]::new);
              jdbc.update(
                  "update event_outbox set published_at = now() where position = any(?)",
                  (Object) positions);
              return rows.size();
            });
    return count == null ? 0 : count;
  }

  private void awaitAll(List<Future<RecordMetadata>> acks) {
    long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
    for (Future<RecordMetadata> ack : acks) {
      try {
        ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the broker", e);
      } catch (Exception e) {
        throw new IllegalStateException("broker did not acknowledge the batch", e);
      }
    }
  }

  private void cleanupNowAndThen() {
    long now = System.currentTimeMillis();
    if (now - lastCleanup < 60_000) {
      return;
    }
    lastCleanup = now;
    jdbc.update(
        "delete from event_outbox where published_at < now() - make_interval(secs => ?)",
        (double) settings.publishedRetention().toSeconds());
    jdbc.update(
        "delete from processed_event where processed_at < now() - make_interval(secs => ?)",
        (double) settings.processedRetention().toSeconds());
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private record Row(
      long position,
      String eventId,
      String topic,
      String key,
      String type,
      String source,
      java.time.OffsetDateTime occurredAt,
      byte[] payload) {

    CloudEvent toEvent() {
      return KafkaCloudEvents.event(
          eventId,
          URI.create(source),
          type,
          key,
          occurredAt.withOffsetSameInstant(ZoneOffset.UTC),
          payload);
    }
  }
}
