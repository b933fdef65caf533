package network.aioz.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import network.aioz.infra.SharedInfra;
import network.aioz.ledger.support.EpochClock;
import network.aioz.shared.event.KafkaCloudEvents;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Sealed epochs carry per-node statistics: one node (the only one offering av1) is given three
 * tasks: it gives up the first, fails the proof of the second and proves the third. Summed over the
 * sealed epochs of the test, it was assigned 3, completed 1 and had 1 fault; its uptime comes from
 * its heartbeats.
 */
@LedgerIntegrationTest
class EpochNodeStatsIntegrationTests {

  @LocalServerPort int port;
  @Autowired EpochClock epochs;
  private final List<TestEdge> own = new ArrayList<>();

  @AfterEach
  void drainOwnNodes() {
    own.forEach(TestEdge::drain);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private JsonNode task(String id) {
    return TestEdge.getPublic(url("/v1/tasks/" + id)).body();
  }

  private String startAndSubmit(TestEdge edge, String objectId) {
    String id = TestEdge.requestAssignedTranscode(url(""), "av1", objectId).get("id").asString();
    assertThat(edge.post("/v1/tasks/" + id + "/start", "").status()).isEqualTo(200);
    assertThat(edge.heartbeat().status()).isEqualTo(200);
    return id;
  }

  @Test
  void aSealedEpochCountsEachNodesAttemptsCompletionsFaultsAndUptime() throws Exception {
    long firstEpoch = epochs.current();
    Instant started = Instant.now();
    TestEdge edge = TestEdge.joinOffering(url(""), "av1", "oc-south").get(0);
    own.add(edge);

    String gaveUp = startAndSubmit(edge, "stats-1");
    assertThat(edge.post("/v1/tasks/" + gaveUp + "/fail", "{\"reason\":\"disk full\"}").status())
        .isEqualTo(200);

    String failing = startAndSubmit(edge, "stats-2");
    submit(edge, failing);
    String proven = startAndSubmit(edge, "stats-3");
    submit(edge, proven);

    try (KafkaProducer<String, byte[]> proofs = producer()) {
      publish(proofs, "network.aioz.proof.ProofFailed", failing, edge.address);
      Awaitility.await("failed task settled")
          .atMost(Duration.ofSeconds(30))
          .until(() -> task(failing).get("status").asString().equals("SETTLED"));
      assertThat(edge.heartbeat().status()).isEqualTo(200);
      publish(proofs, "network.aioz.proof.ProofPassed", proven, edge.address);
    }
    JsonNode receipt =
        Awaitility.await("sealed receipt")
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(
                () -> TestEdge.getPublic(url("/v1/receipts/" + proven)).body(), r -> r.has("root"));
    Instant ended = Instant.now();
    long lastEpoch = receipt.at("/receipt/epoch").asLong();

    long assigned = 0;
    long completed = 0;
    long faults = 0;
    long uptime = 0;
    String status = null;
    for (long n = firstEpoch; n <= lastEpoch; n++) {
      TestEdge.Reply sealed = TestEdge.getPublic(url("/v1/epochs/" + n));
      if (sealed.status() != 200) {
        continue;
      }
      long epochSeconds = Duration.ofSeconds(3).toSeconds();
      for (JsonNode stats : sealed.body().get("nodeStats")) {
        assertThat(stats.get("tasksCompleted").asLong())
            .isLessThanOrEqualTo(stats.get("tasksAssigned").asLong());
        assertThat(stats.get("uptimeSeconds").asLong()).isBetween(0L, epochSeconds);
        if (stats.get("nodeAddress").asString().equalsIgnoreCase(edge.address)) {
          assigned += stats.get("tasksAssigned").asLong();
          completed += stats.get("tasksCompleted").asLong();
          faults += stats.get("faults").asLong();
          uptime += stats.get("uptimeSeconds").asLong();
          status = stats.get("status").asString();
        }
      }
    }
    assertThat(assigned).as("gave up + failed proof + proven").isEqualTo(3);
    assertThat(completed).isEqualTo(1);
    assertThat(faults).isEqualTo(1);
    assertThat(status).isEqualTo("VETTING");
    assertThat(uptime)
        .as("never more than the time it heartbeat through")
        .isBetween(0L, Duration.between(started, ended).toSeconds() + 1);
    JsonNode last = TestEdge.getPublic(url("/v1/epochs/" + lastEpoch)).body();
    assertThat(last.get("nodeTotals").valueStream().map(t -> t.get("nodeAddress").asString()))
        .as("the existing totals are still there")
        .anyMatch(a -> a.equalsIgnoreCase(edge.address));
  }

  private void submit(TestEdge edge, String id) {
    TestEdge.Reply submitted =
        edge.post(
            "/v1/tasks/" + id + "/submit",
            "{\"resultDigest\":\"" + "cd".repeat(32) + "\",\"units\":\"42\"}");
    assertThat(submitted.body().get("status").asString()).isEqualTo("SUBMITTED");
  }

  private static KafkaProducer<String, byte[]> producer() {
    return SharedInfra.eventProducer();
  }

  private static void publish(
      KafkaProducer<String, byte[]> producer, String type, String taskId, String node) {
    byte[] data =
        "{\"taskId\":\"%s\",\"nodeAddress\":\"%s\",\"proofRef\":\"%s\",\"reason\":\"test\"}"
            .formatted(taskId, node, "frames-" + taskId)
            .getBytes(StandardCharsets.UTF_8);
    CloudEvent event =
        KafkaCloudEvents.event(
            UUID.randomUUID().toString(),
            URI.create("urn:aioz:proof-service"),
            type,
            taskId,
            OffsetDateTime.now(),
            data);
    producer.send(KafkaCloudEvents.toRecord("proof.result", event));
    producer.flush();
  }
}
