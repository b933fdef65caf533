package network.aioz.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A node that takes a task and goes quiet loses it after the deadline (15 s in tests) to another
 * node.
 */
@LedgerIntegrationTest
class TaskDeadlineIntegrationTests {

  @LocalServerPort int port;
  private final List<TestEdge> aacEdges = new ArrayList<>();

  @AfterEach
  void drainOwnNodes() {
    aacEdges.forEach(TestEdge::drain);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private JsonNode task(String id) {
    return TestEdge.getPublic(url("/v1/tasks/" + id)).body();
  }

  @Test
  void aTaskNobodyWorksOnMovesToAnotherNodeAfterTheDeadline() {
    aacEdges.addAll(TestEdge.joinOffering(url(""), "aac", "us-west", "ap-northeast"));
    JsonNode assigned = TestEdge.requestAssignedTranscode(url(""), "aac", "audio-2");
    String taskId = assigned.get("id").asString();
    String idle = assigned.get("nodeAddress").asString();

    JsonNode moved =
        Awaitility.await("the deadline")
            .atMost(Duration.ofSeconds(45))
            .ignoreExceptions()
            .until(() -> task(taskId), t -> t.get("attempt").asInt() == 2);

    assertThat(moved.get("status").asString()).isEqualTo("ASSIGNED");
    assertThat(moved.get("nodeAddress").asString()).isNotEqualToIgnoringCase(idle);
    assertThat(
            TestEdge.getPublic(url("/v1/edges/" + idle))
                .body()
                .at("/reputation/completionScore")
                .asDouble())
        .isLessThan(1.0);
  }
}
