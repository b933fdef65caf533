package network.aioz.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import network.aioz.infra.SharedInfra;
import network.aioz.ledger.task.TaskService;
import network.aioz.shared.edge.EdgeRequestSigning;
import network.aioz.shared.event.KafkaCloudEvents;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Storage is proven for the life of a piece: the proof service keeps sending results for a store
 * task after it was proven. Those count for the node's reputation and leave the task and its one
 * receipt as they are.
 */
@LedgerIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorageProofIntegrationTests {

  @LocalServerPort int port;
  @Autowired TaskService taskService;
  private List<TestEdge> ownEdges;
  private KafkaProducer<String, byte[]> proofService;

  @BeforeAll
  void join() {
    ownEdges = TestEdge.joinOffering(url(""), "h264", "us-east", "eu-west");
    proofService = SharedInfra.eventProducer();
  }

  @AfterAll
  void leave() {
    ownEdges.forEach(TestEdge::drain);
    proofService.close();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private JsonNode task(String id) {
    return TestEdge.getPublic(url("/v1/tasks/" + id)).body();
  }

  private JsonNode reputation(String node) {
    return TestEdge.getPublic(url("/v1/edges/" + node)).body().get("reputation");
  }

  private long passedAudits(String node) {
    return reputation(node).get("passedAudits").asLong();
  }

  private static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
    return Awaitility.await(what)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(probe::get, done);
  }

  /** Publishes a result with the proof service's whole contract, as it sends it. */
  private void publish(String type, String taskId, String node, String proofRef, String eventId) {
    String reason = type.endsWith("Passed") ? "null" : "\"missing\"";
    byte[] data =
        ("{\"taskId\":\"%s\",\"nodeAddress\":\"%s\",\"proofRef\":\"%s\",\"reason\":%s,"
                + "\"kind\":\"storage\",\"pieceId\":\"%s\",\"challengeId\":\"%s\",\"blockIndex\":3}")
            .formatted(taskId, node, proofRef, reason, UUID.randomUUID(), UUID.randomUUID())
            .getBytes(StandardCharsets.UTF_8);
    CloudEvent event =
        KafkaCloudEvents.event(
            eventId,
            URI.create("urn:aioz:proof-service"),
            type,
            taskId,
            OffsetDateTime.now(),
            data);
    proofService.send(KafkaCloudEvents.toRecord("proof.result", event));
    proofService.flush();
  }

  private static String ref(int n) {
    return "0x" + String.format("%064x", n);
  }

  @Test
  void recurringStorageProofsCountAsAuditsAndNeverAddAReceiptOrUndoOne() {
    String objectId = "object-" + UUID.randomUUID();
    String digest = EdgeRequestSigning.sha256Hex(objectId.getBytes(StandardCharsets.UTF_8));
    TestEdge.Reply placed =
        TestEdge.postJson(
            url("/v1/placements"),
            "{\"objectId\":\"%s\",\"kind\":\"STORE\",\"pieces\":[{\"index\":0,\"contentDigest\":\"%s\",\"sizeBytes\":4096}]}"
                .formatted(objectId, digest),
            LedgerTestInfra.serviceToken("ledger:write"));
    assertThat(placed.status()).as("placement: %s", placed.body()).isEqualTo(201);
    String taskId = placed.body().at("/assignments/0/taskId").asString();
    String node = placed.body().at("/assignments/0/nodeAddress").asString();
    UUID id = UUID.fromString(taskId);
    long audits = passedAudits(node);

    // the proof service challenges as soon as the piece is stored, maybe before the edge submits
    publish("network.aioz.proof.ProofPassed", taskId, node, ref(1), UUID.randomUUID().toString());
    await("early pass counted", () -> passedAudits(node), n -> n == audits + 1);
    assertThat(task(taskId).get("status").asString()).isEqualTo("ASSIGNED");

    taskService.start(id, node);
    taskService.submit(id, node, digest, BigInteger.ONE);
    publish("network.aioz.proof.ProofPassed", taskId, node, ref(2), UUID.randomUUID().toString());
    JsonNode proven =
        await(
            "proven",
            () -> task(taskId),
            t -> List.of("PROVEN", "SETTLED").contains(t.get("status").asString()));
    assertThat(proven.get("proofRef").asString()).isEqualTo(ref(2));
    assertThat(passedAudits(node)).isEqualTo(audits + 2);

    String repeated = UUID.randomUUID().toString();
    publish("network.aioz.proof.ProofPassed", taskId, node, ref(3), repeated);
    publish("network.aioz.proof.ProofPassed", taskId, node, ref(3), repeated);
    publish("network.aioz.proof.ProofPassed", taskId, node, ref(4), UUID.randomUUID().toString());
    await("later passes counted once each", () -> passedAudits(node), n -> n == audits + 4);

    JsonNode receipt =
        await(
            "sealed receipt",
            () -> TestEdge.getPublic(url("/v1/receipts/" + taskId)).body(),
            r -> r.has("root"));
    assertThat(receipt.at("/receipt/proofRef").asString()).isEqualTo(ref(2));
    JsonNode settled = task(taskId);
    assertThat(settled.get("status").asString()).isEqualTo("SETTLED");
    assertThat(settled.get("proofRef").asString()).isEqualTo(ref(2));

    double auditScore = reputation(node).get("auditScore").asDouble();
    publish("network.aioz.proof.ProofFailed", taskId, node, ref(5), UUID.randomUUID().toString());
    await(
        "failed audit counted",
        () -> reputation(node).get("auditScore").asDouble(),
        score -> score < auditScore);
    JsonNode after = task(taskId);
    assertThat(after.get("status").asString()).isEqualTo("SETTLED");
    assertThat(after.get("outcome").asString()).isEqualTo("PROVEN");
    assertThat(after.get("attempt").asInt()).isEqualTo(1);
    assertThat(after.get("nodeAddress").asString()).isEqualToIgnoringCase(node);
    assertThat(
            TestEdge.getPublic(url("/v1/receipts/" + taskId))
                .body()
                .at("/receipt/proofRef")
                .asString())
        .isEqualTo(ref(2));
  }

  @Test
  void aFailedStorageProofOfAProvenTaskLeavesItProven() {
    String objectId = "object-" + UUID.randomUUID();
    String digest = EdgeRequestSigning.sha256Hex(objectId.getBytes(StandardCharsets.UTF_8));
    TestEdge.Reply placed =
        TestEdge.postJson(
            url("/v1/placements"),
            "{\"objectId\":\"%s\",\"kind\":\"STORE\",\"pieces\":[{\"index\":0,\"contentDigest\":\"%s\",\"sizeBytes\":10}]}"
                .formatted(objectId, digest),
            LedgerTestInfra.serviceToken("ledger:write"));
    assertThat(placed.status()).isEqualTo(201);
    String taskId = placed.body().at("/assignments/0/taskId").asString();
    String node = placed.body().at("/assignments/0/nodeAddress").asString();
    UUID id = UUID.fromString(taskId);
    taskService.start(id, node);
    taskService.submit(id, node, digest, BigInteger.ONE);
    publish("network.aioz.proof.ProofPassed", taskId, node, ref(7), UUID.randomUUID().toString());
    await(
        "proven",
        () -> task(taskId),
        t -> List.of("PROVEN", "SETTLED").contains(t.get("status").asString()));

    double auditScore = reputation(node).get("auditScore").asDouble();
    publish("network.aioz.proof.ProofFailed", taskId, node, ref(8), UUID.randomUUID().toString());
    await(
        "failed audit counted",
        () -> reputation(node).get("auditScore").asDouble(),
        score -> score < auditScore);
    JsonNode after = task(taskId);
    assertThat(after.get("status").asString()).isIn("PROVEN", "SETTLED");
    assertThat(after.get("attempt").asInt()).isEqualTo(1);
    assertThat(after.get("failureReason").isNull() || !after.has("failureReason")).isTrue();
  }
}
