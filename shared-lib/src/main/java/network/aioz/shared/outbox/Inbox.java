package network.aioz.shared.outbox;

import io.cloudevents.CloudEvent;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes a consumer idempotent: the event id is recorded in the same transaction as the consumer's
 * effect, so a redelivered event (Kafka delivers at least once) changes nothing the second time.
 */
public class Inbox {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  Inbox(JdbcTemplate jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  /**
   * Runs {@code effect} in a transaction unless this consumer has already processed the event.
   *
   * @param consumer a stable name of the consuming handler (one service may consume one event in
   *     several ways)
   * @return true when the effect ran, false for a duplicate
   */
  public boolean process(String consumer, CloudEvent event, Consumer<CloudEvent> effect) {
    Boolean ran =
        tx.execute(
            status -> {
              int inserted =
                  jdbc.update(
                      "insert into processed_event (consumer, event_id) values (?, ?)"
                          + " on conflict do nothing",
                      consumer,
                      event.getId());
              if (inserted == 0) {
                return false;
              }
              effect.accept(event);
              return true;
            });
    return Boolean.TRUE.equals(ran);
  }

  /**
   * Processes a batch of events in one transaction: {@code effect} gets the events this consumer
   * has not processed yet (in their order, duplicates removed) and runs in the same transaction
   * that records them. One commit per batch is what lets a consumer keep up with a busy topic.
   *
   * @return how many events were new
   */
  public int processBatch(
      String consumer, List<CloudEvent> events, Consumer<List<CloudEvent>> effect) {
    if (events.isEmpty()) {
      return 0;
    }
    String[] ids = events.stream().map(CloudEvent::getId).toArray(String[]::new);
    Integer ran =
        tx.execute(
            status -> {
              // one round trip records the whole batch and answers which ids were new
              java.util.Set<String> fresh =
                  new java.util.HashSet<>(
                      jdbc.query(
                          "insert into processed_event (consumer, event_id)"
                              + " select ?, id from unnest(?::text[]) as id"
                              + " on conflict do nothing returning event_id",
                          (rs, n) -> rs.getString(1),
                          consumer,
                          ids));
              List<CloudEvent> newEvents = new java.util.ArrayList<>(fresh.size());
              for (CloudEvent event : events) {
                if (fresh.remove(event.getId())) {
                  newEvents.add(event);
                }
              }
              if (!newEvents.isEmpty()) {
                effect.accept(newEvents);
              }
              return newEvents.size();
            });
    return ran == null ? 0 : ran;
  }
}
