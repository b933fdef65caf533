package network.aioz.shared.outbox;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends events to the outbox table inside the caller's database transaction, so an event exists
 * if and only if the state change that raised it was committed. The {@link OutboxRelay} publishes
 * them to Kafka after the commit.
 */
public class Outbox {

  private final JdbcTemplate jdbc;
  private final JsonMapper json;
  private final URI source;
  private final Clock clock;
  private final Runnable afterCommit;

  Outbox(JdbcTemplate jdbc, JsonMapper json, URI source, Clock clock, Runnable afterCommit) {
    this.jdbc = jdbc;
    this.json = json;
    this.source = source;
    this.clock = clock;
    this.afterCommit = afterCommit;
  }

  /**
   * Records an event; must be called inside a transaction on the service's data source.
   *
   * @param topic the Kafka topic (owner service and aggregate, e.g. {@code ledger.task})
   * @param aggregateId the id of the aggregate the event is about: the Kafka key and the event's
   *     subject
   * @param type the event type, a past-tense fact (e.g. {@code network.aioz.ledger.TaskAssigned})
   * @param data the event's data, serialized as JSON
   * @return the event id
   */
  public UUID append(String topic, String aggregateId, String type, Object data) {
    return appendAll(List.of(new PendingEvent(topic, aggregateId, type, data))).getFirst();
  }

  /**
   * Records several events in one round trip, for state changes that raise many facts at once; must
   * be called inside a transaction on the service's data source.
   *
   * @return the event ids, in order
   */
  public List<UUID> appendAll(List<PendingEvent> events) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalTransactionStateException(
          "an outbox event must be written in the transaction of the state change that raised it");
    }
    Timestamp now = Timestamp.from(Instant.now(clock));
    List<UUID> ids = new ArrayList<>(events.size());
    List<Object[]> rows = new ArrayList<>(events.size());
    for (PendingEvent event : events) {
      UUID id = UUID.randomUUID();
      ids.add(id);
      rows.add(
          new Object[] {
            id,
            event.topic(),
            event.aggregateId(),
            event.type(),
            source.toString(),
            now,
            json.writeValueAsBytes(event.data())
          });
    }
    jdbc.batchUpdate(
        "insert into event_outbox (event_id, topic, message_key, event_type, source, occurred_at, payload)"
            + " values (?, ?, ?, ?, ?, ?, ?)",
        rows);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              afterCommit.run();
            }
          });
    }
    return ids;
  }

  /**
   * An event to record.
   *
   * @param topic the Kafka topic (owner service and aggregate, e.g. {@code ledger.task})
   * @param aggregateId the id of the aggregate the event is about: the Kafka key and the event's
   *     subject
   * @param type the event type, a past-tense fact (e.g. {@code network.aioz.ledger.TaskAssigned})
   * @param data the event's data, serialized as JSON
   */
  public record PendingEvent(String topic, String aggregateId, String type, Object data) {}
}
