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
    for (String region : List.of("us-west", "ap-northeast")) {
      // only these nodes offer aac, so the task below lands on one of them
      TestEdge edge = new TestEdge(url(""), region);
      assertThat(edge.post("/v1/edges", edge.registration("\"aac\"")).status()).isEqualTo(201);
      assertThat(edge.heartbeat().status()).isEqualTo(200);
      aacEdges.add(edge);
    }
    String taskId =
        TestEdge.postJson(
                url("/v1/tasks"),
                """
                {"kind":"TRANSCODE","objectId":"audio-2","sizeBytes":0,
                 "requirement":{"minFreeBytes":0,"minBandwidthBps":0,"codec":"aac","needsGpu":false}}""",
                LedgerTestInfra.serviceToken("ledger:write"))
            .body()
            .get("id")
            .asString();
    String idle =
        Awaitility.await("assignment")
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(() -> task(taskId), t -> t.get("status").asString().equals("ASSIGNED"))
            .get("nodeAddress")
            .asString();

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
