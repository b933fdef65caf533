package network.aioz.shared.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import network.aioz.infra.SharedInfra;
import network.aioz.shared.event.KafkaCloudEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inbox against a real PostgreSQL: duplicates change nothing, and a failed effect leaves no
 * mark.
 */
class InboxIntegrationTests {

  private final DriverManagerDataSource dataSource =
      new DriverManagerDataSource(
          SharedInfra.database("inbox_it"),
          SharedInfra.postgres().username(),
          SharedInfra.postgres().password());
  private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
  private final Inbox inbox =
      new Inbox(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));

  @BeforeEach
  void schema() {
    new OutboxAutoConfiguration().platformSchema(dataSource);
    jdbc.execute("delete from processed_event");
    jdbc.execute("drop table if exists effect");
    jdbc.execute("create table effect (event_id text not null)");
  }

  private static CloudEvent event(String id) {
    return KafkaCloudEvents.event(
        id,
        URI.create("urn:test"),
        "network.aioz.test.Happened",
        "a",
        OffsetDateTime.now(),
        new byte[0]);
  }

  private void effect(CloudEvent e) {
    jdbc.update("insert into effect (event_id) values (?)", e.getId());
  }

  private int effects() {
    return jdbc.queryForObject("select count(*) from effect", Integer.class);
  }

  @Test
  void aDuplicateEventChangesNothing() {
    assertThat(inbox.process("c", event("e1"), this::effect)).isTrue();
    assertThat(inbox.process("c", event("e1"), this::effect)).isFalse();
    assertThat(inbox.process("other-consumer", event("e1"), this::effect)).isTrue();

    assertThat(effects()).isEqualTo(2);
  }

  @Test
  void aFailingEffectLeavesTheEventUnprocessedSoARetryRunsIt() {
    assertThatThrownBy(
            () ->
                inbox.process(
                    "c",
                    event("e2"),
                    e -> {
                      effect(e);
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(effects()).isZero();

    assertThat(inbox.process("c", event("e2"), this::effect)).isTrue();
    assertThat(effects()).isEqualTo(1);
  }

  @Test
  void aBatchRunsOnlyTheNewEventsInOrder() {
    inbox.process("c", event("b2"), this::effect);
    List<String> seen = new ArrayList<>();

    int fresh =
        inbox.processBatch(
            "c",
            List.of(event("b1"), event("b2"), event("b3"), event("b1")),
            newEvents ->
                newEvents.forEach(
                    e -> {
                      seen.add(e.getId());
                      effect(e);
                    }));

    assertThat(fresh).isEqualTo(2);
    assertThat(seen).containsExactly("b1", "b3");
    assertThat(effects()).isEqualTo(3);
  }
}
