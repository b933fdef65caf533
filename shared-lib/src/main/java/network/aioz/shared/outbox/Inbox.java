package network.aioz.shared.outbox;

import io.cloudevents.CloudEvent;
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
}
