package network.aioz.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import network.aioz.ledger.edge.EdgeRegistry;
import network.aioz.ledger.reputation.AuditOutcome;
import network.aioz.ledger.reputation.NodeStatus;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A node that fails its audits is ejected, loses its open tasks to other nodes, and cannot come
 * back.
 */
@LedgerIntegrationTest
class NodeEjectionIntegrationTests {

  @LocalServerPort int port;
  @Autowired EdgeRegistry registry;
  @Autowired TransactionTemplate tx;
  private final List<TestEdge> opusEdges = new ArrayList<>();

  @AfterEach
  void drainOwnNodes() {
    opusEdges.forEach(TestEdge::drain);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private JsonNode task(String id) {
    return TestEdge.getPublic(url("/v1/tasks/" + id)).body();
  }

  @Test
  void anEjectedNodesTasksMoveToOtherNodes() {
    opusEdges.addAll(
        TestEdge.joinOffering(url(""), "opus", "me-central", "ca-central", "eu-north"));
    JsonNode assigned = TestEdge.requestAssignedTranscode(url(""), "opus", "audio-1");
    String taskId = assigned.get("id").asString();
    String cheater = assigned.get("nodeAddress").asString();

    NodeStatus status = NodeStatus.VETTING;
    for (int audit = 0; audit < 200 && status != NodeStatus.EJECTED; audit++) {
      status = tx.execute(s -> registry.recordAudit(cheater, AuditOutcome.FAIL, false));
    }
    assertThat(status).isEqualTo(NodeStatus.EJECTED);

    JsonNode moved =
        Awaitility.await("withdrawal from the ejected node")
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(() -> task(taskId), t -> t.get("attempt").asInt() == 2);
    assertThat(moved.get("status").asString()).isEqualTo("ASSIGNED");
    assertThat(moved.get("nodeAddress").asString()).isNotEqualToIgnoringCase(cheater);
    assertThat(moved.get("previousNodes").get(0).asString()).isEqualToIgnoringCase(cheater);

    JsonNode view = TestEdge.getPublic(url("/v1/edges/" + cheater)).body();
    assertThat(view.get("status").asString()).isEqualTo("EJECTED");
    assertThat(view.at("/reputation/rewardMultiplier").asDouble()).isZero();
    TestEdge ejected =
        opusEdges.stream()
            .filter(e -> e.address.equalsIgnoreCase(cheater))
            .findFirst()
            .orElseThrow();
    TestEdge.Reply comeback = ejected.post("/v1/edges", ejected.registration("\"opus\""));
    assertThat(comeback.status()).isEqualTo(403);
    assertThat(comeback.body().get("type").asString()).endsWith("/node-ejected");
  }
}
