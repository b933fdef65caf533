package network.aioz.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import network.aioz.infra.SharedInfra;
import network.aioz.shared.edge.EdgeRequestSigning;
import network.aioz.shared.event.KafkaCloudEvents;
import network.aioz.shared.merkle.Bytes32;
import network.aioz.shared.receipt.EpochTree;
import network.aioz.shared.receipt.WorkKind;
import network.aioz.shared.receipt.WorkReceipt;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@LedgerIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskLifecycleIntegrationTests {

  private static final List<String> REGIONS =
      List.of("us-east", "eu-west", "ap-southeast", "sa-east", "af-south");

  @LocalServerPort int port;
  private final Map<String, TestEdge> edges = new HashMap<>();
  private KafkaProducer<String, byte[]> proofService;

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  @BeforeAll
  void fourteenEdgesJoin() {
    for (int i = 0; i < 14; i++) {
      TestEdge edge = new TestEdge(url(""), REGIONS.get(i % REGIONS.size()));
      assertThat(edge.register().status()).isEqualTo(201);
      assertThat(edge.heartbeat().status()).isEqualTo(200);
      edges.put(edge.address.toLowerCase(), edge);
    }
    proofService = SharedInfra.eventProducer();
  }

  @AfterAll
  void closeProducer() {
    proofService.close();
  }

  private TestEdge edgeOf(String address) {
    return edges.get(address.toLowerCase());
  }

  private JsonNode place(String objectId, int pieces) {
    StringBuilder body =
        new StringBuilder("{\"objectId\":\"" + objectId + "\",\"kind\":\"STORE\",\"pieces\":[");
    for (int i = 0; i < pieces; i++) {
      String digest = EdgeRequestSigning.sha256Hex((objectId + i).getBytes(StandardCharsets.UTF_8));
      body.append(i == 0 ? "" : ",")
          .append(
              "{\"index\":%d,\"contentDigest\":\"%s\",\"sizeBytes\":%d}"
                  .formatted(i, digest, 1000 + i));
    }
    body.append("]}");
    TestEdge.Reply reply =
        TestEdge.postJson(
            url("/v1/placements"), body.toString(), LedgerTestInfra.serviceToken("ledger:write"));
    assertThat(reply.status()).as("placement: %s", reply.body()).isEqualTo(201);
    return reply.body();
  }

  private void publishProof(String type, String taskId, String node, String proofRef, String id) {
    byte[] data =
        "{\"taskId\":\"%s\",\"nodeAddress\":\"%s\",\"proofRef\":\"%s\",\"reason\":\"test\"}"
            .formatted(taskId, node, proofRef)
            .getBytes(StandardCharsets.UTF_8);
    CloudEvent event =
        KafkaCloudEvents.event(
            id, URI.create("urn:aioz:proof-service"), type, taskId, OffsetDateTime.now(), data);
    proofService.send(KafkaCloudEvents.toRecord("proof.result", event));
    proofService.flush();
  }

  private static JsonNode await(String what, Supplier<JsonNode> probe, Predicate<JsonNode> done) {
    return Awaitility.await(what)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(probe::get, done);
  }

  private JsonNode task(String id) {
    return TestEdge.getPublic(url("/v1/tasks/" + id)).body();
  }

  @Test
  void placedPiecesAreProvenSealedIntoAnEpochAndTheirReceiptsVerify() {
    JsonNode placed = place("object-" + UUID.randomUUID(), 14);

    List<String> taskIds = new ArrayList<>();
    Set<String> nodes = new HashSet<>();
    Set<String> regions = new HashSet<>();
    for (JsonNode assignment : placed.get("assignments")) {
      String taskId = assignment.get("taskId").asString();
      String node = assignment.get("nodeAddress").asString();
      TestEdge edge = edgeOf(node);
      taskIds.add(taskId);
      nodes.add(node);
      regions.add(edge.region);
      assertThat(assignment.get("endpoint").asString()).contains(edge.address);

      JsonNode open = edge.get("/v1/edges/" + edge.address + "/tasks").body();
      assertThat(open.get("tasks").valueStream().map(t -> t.get("id").asString())).contains(taskId);
      assertThat(edge.post("/v1/tasks/" + taskId + "/start", "").status()).isEqualTo(200);
      String digest = task(taskId).get("contentDigest").asString();
      TestEdge.Reply submitted =
          edge.post(
              "/v1/tasks/" + taskId + "/submit",
              "{\"resultDigest\":\"" + digest + "\",\"units\":\"1\"}");
      assertThat(submitted.body().get("status").asString()).isEqualTo("SUBMITTED");
      assertThat(submitted.body().get("units").asLong())
          .as("store units are the piece size, not what the edge claims")
          .isEqualTo(task(taskId).get("sizeBytes").asLong());
    }
    assertThat(nodes).as("distinct nodes").hasSize(14);
    assertThat(regions).as("spread over regions").hasSizeGreaterThanOrEqualTo(4);

    String proven = taskIds.get(0);
    String provenNode = task(proven).get("nodeAddress").asString();
    String proofRef = "0x" + "ab".repeat(32);
    String eventId = UUID.randomUUID().toString();
    publishProof("network.aioz.proof.ProofPassed", proven, provenNode, proofRef, eventId);
    publishProof("network.aioz.proof.ProofPassed", proven, provenNode, proofRef, eventId);
    for (String other : taskIds.subList(1, 13)) {
      publishProof(
          "network.aioz.proof.ProofPassed",
          other,
          task(other).get("nodeAddress").asString(),
          "pos-challenge-" + other,
          UUID.randomUUID().toString());
    }
    String failing = taskIds.get(13);
    String failingNode = task(failing).get("nodeAddress").asString();
    publishProof(
        "network.aioz.proof.ProofFailed",
        failing,
        failingNode,
        "pos-bad",
        UUID.randomUUID().toString());

    JsonNode reassigned =
        await("reassignment", () -> task(failing), t -> t.get("attempt").asInt() == 2);
    assertThat(reassigned.get("status").asString()).isEqualTo("ASSIGNED");
    assertThat(reassigned.get("nodeAddress").asString()).isNotEqualToIgnoringCase(failingNode);
    assertThat(reassigned.get("previousNodes").get(0).asString())
        .isEqualToIgnoringCase(failingNode);
    JsonNode failedNode = TestEdge.getPublic(url("/v1/edges/" + failingNode)).body();
    assertThat(failedNode.at("/reputation/auditScore").asDouble()).isLessThan(1.0);

    JsonNode receipt =
        await(
            "sealed receipt",
            () -> TestEdge.getPublic(url("/v1/receipts/" + proven)).body(),
            r -> r.has("root"));
    JsonNode r = receipt.get("receipt");
    WorkReceipt rebuilt =
        WorkReceipt.of(
            UUID.fromString(proven),
            r.get("node").asString(),
            WorkKind.valueOf(r.get("kind").asString()),
            new BigInteger(r.get("units").asString()),
            r.get("epoch").asLong(),
            Bytes32.fromHex(r.get("proofRef").asString()));
    List<Bytes32> proof =
        receipt.get("proof").valueStream().map(p -> Bytes32.fromHex(p.asString())).toList();
    assertThat(rebuilt.node()).isEqualToIgnoringCase(provenNode);
    assertThat(rebuilt.proofRef().toHex()).isEqualTo(proofRef);
    assertThat(rebuilt.leafHash().toHex()).isEqualTo(receipt.get("leafHash").asString());
    assertThat(EpochTree.verify(Bytes32.fromHex(receipt.get("root").asString()), rebuilt, proof))
        .isTrue();

    JsonNode epoch = TestEdge.getPublic(url("/v1/epochs/" + r.get("epoch").asLong())).body();
    assertThat(epoch.get("root").asString()).isEqualTo(receipt.get("root").asString());
    assertThat(epoch.get("receiptCount").asInt()).isGreaterThanOrEqualTo(1);
    // the chain of sealed epochs the chain adapter follows: previousEpoch is the newest sealed
    // epoch below this one, null when there is none
    long number = r.get("epoch").asLong();
    Long expectedPrevious = null;
    for (JsonNode sealed : TestEdge.getPublic(url("/v1/epochs?limit=1000")).body().get("sealed")) {
      long n = sealed.asLong();
      if (n < number && (expectedPrevious == null || n > expectedPrevious)) {
        expectedPrevious = n;
      }
    }
    assertThat(epoch.has("previousEpoch")).as(epoch.toString()).isTrue();
    if (expectedPrevious == null) {
      assertThat(epoch.get("previousEpoch").isNull()).as(epoch.toString()).isTrue();
    } else {
      long previous = epoch.get("previousEpoch").asLong();
      assertThat(previous).isLessThan(number).isEqualTo(expectedPrevious);
      assertThat(TestEdge.getPublic(url("/v1/epochs/" + previous)).body().get("epoch").asLong())
          .isEqualTo(previous);
    }
    assertThat(task(proven).get("status").asString()).isEqualTo("SETTLED");
    assertThat(task(proven).get("outcome").asString()).isEqualTo("PROVEN");

    JsonNode provenNodeView = TestEdge.getPublic(url("/v1/edges/" + provenNode)).body();
    assertThat(provenNodeView.at("/reputation/passedAudits").asLong())
        .as("the duplicated proof event counted once")
        .isEqualTo(1);
  }

  @Test
  void releasedPiecesLeaveTheNodesWorkUntilItAcknowledges() {
    JsonNode placed = place("object-" + UUID.randomUUID(), 1);
    JsonNode assignment = placed.get("assignments").get(0);
    String taskId = assignment.get("taskId").asString();
    TestEdge holder = edgeOf(assignment.get("nodeAddress").asString());
    byte[] data =
        "{\"pieceId\":\"%s\",\"taskId\":\"%s\",\"nodeAddress\":\"%s\",\"reason\":\"object deleted\"}"
            .formatted(UUID.randomUUID(), taskId, holder.address)
            .getBytes(StandardCharsets.UTF_8);
    CloudEvent released =
        KafkaCloudEvents.event(
            UUID.randomUUID().toString(),
            URI.create("urn:aioz:storage-service"),
            "network.aioz.storage.PieceReleased",
            taskId,
            OffsetDateTime.now(),
            data);
    proofService.send(KafkaCloudEvents.toRecord("storage.piece", released));
    proofService.flush();

    JsonNode list =
        await(
            "release listed",
            () -> holder.get("/v1/edges/" + holder.address + "/tasks").body(),
            l ->
                l.get("releases")
                    .valueStream()
                    .anyMatch(r -> r.get("taskId").asString().equals(taskId)));
    assertThat(list.get("tasks").valueStream().map(t -> t.get("id").asString()))
        .as("a released task is no longer work")
        .doesNotContain(taskId);
    assertThat(holder.post("/v1/tasks/" + taskId + "/release-ack", "").status()).isEqualTo(200);
    assertThat(holder.post("/v1/tasks/" + taskId + "/release-ack", "").status()).isEqualTo(409);
    assertThat(
            holder
                .get("/v1/edges/" + holder.address + "/tasks")
                .body()
                .get("releases")
                .valueStream()
                .map(r -> r.get("taskId").asString()))
        .doesNotContain(taskId);
  }

  @Test
  void placementsAvoidExcludedNodes() {
    JsonNode first = place("object-" + UUID.randomUUID(), 3);
    Set<String> used = new HashSet<>();
    first.get("assignments").forEach(a -> used.add(a.get("nodeAddress").asString()));
    String objectId = "object-" + UUID.randomUUID();
    String body =
        "{\"objectId\":\"%s\",\"kind\":\"STORE\",\"maxAttempts\":1,\"excludeNodes\":[%s],\"pieces\":[{\"index\":0,\"contentDigest\":\"%s\",\"sizeBytes\":10}]}"
            .formatted(
                objectId,
                String.join(",", used.stream().map(n -> "\"" + n.toLowerCase() + "\"").toList()),
                "c".repeat(64));
    for (int i = 0; i < 5; i++) {
      TestEdge.Reply reply =
          TestEdge.postJson(
              url("/v1/placements"), body, LedgerTestInfra.serviceToken("ledger:write"));
      assertThat(reply.status()).isEqualTo(201);
      JsonNode a = reply.body().get("assignments").get(0);
      assertThat(used).doesNotContain(a.get("nodeAddress").asString());
      assertThat(task(a.get("taskId").asString()).get("maxAttempts").asInt()).isEqualTo(1);
    }
  }

  @Test
  void illegalMovesAreRefusedAsProblems() {
    JsonNode placed = place("object-" + UUID.randomUUID(), 2);
    JsonNode first = placed.get("assignments").get(0);
    String taskId = first.get("taskId").asString();
    TestEdge owner = edgeOf(first.get("nodeAddress").asString());
    TestEdge stranger = edgeOf(placed.get("assignments").get(1).get("nodeAddress").asString());

    TestEdge.Reply submitBeforeStart =
        owner.post("/v1/tasks/" + taskId + "/submit", "{\"resultDigest\":\"00\",\"units\":\"1\"}");
    TestEdge.Reply strangerStart = stranger.post("/v1/tasks/" + taskId + "/start", "");
    owner.post("/v1/tasks/" + taskId + "/start", "");
    TestEdge.Reply startTwice = owner.post("/v1/tasks/" + taskId + "/start", "");
    TestEdge.Reply wrongDigest =
        owner.post(
            "/v1/tasks/" + taskId + "/submit",
            "{\"resultDigest\":\"" + "0".repeat(64) + "\",\"units\":\"1\"}");

    assertThat(submitBeforeStart.status()).isEqualTo(409);
    assertThat(submitBeforeStart.body().get("type").asString())
        .endsWith("/illegal-task-transition");
    assertThat(strangerStart.status()).isEqualTo(403);
    assertThat(startTwice.status()).isEqualTo(409);
    assertThat(wrongDigest.status()).isEqualTo(200);
    JsonNode afterWrongDigest = task(taskId);
    assertThat(afterWrongDigest.get("attempt").asInt())
        .as("a wrong digest fails the task and moves it to another node")
        .isEqualTo(2);
    assertThat(afterWrongDigest.get("nodeAddress").asString())
        .isNotEqualToIgnoringCase(owner.address);
  }

  @Test
  void servicesNeedTheGatewaysTokenWithTheWriteScope() {
    String body =
        "{\"objectId\":\"x\",\"kind\":\"STORE\",\"pieces\":[{\"index\":0,\"contentDigest\":\""
            + "a".repeat(64)
            + "\",\"sizeBytes\":1}]}";

    TestEdge.Reply anonymous = TestEdge.postJson(url("/v1/placements"), body, null);
    TestEdge.Reply readOnly =
        TestEdge.postJson(url("/v1/placements"), body, LedgerTestInfra.serviceToken("ledger:read"));
    TestEdge.Reply forged =
        TestEdge.postJson(url("/v1/placements"), body, "eyJhbGciOiJub25lIn0.e30.");

    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.contentType()).startsWith("application/problem+json");
    assertThat(readOnly.status()).isEqualTo(403);
    assertThat(forged.status()).isEqualTo(401);
  }

  @Test
  void tooManyPiecesForTheNetworkIsAClearProblem() {
    String digest = "b".repeat(64);
    StringBuilder body =
        new StringBuilder("{\"objectId\":\"huge\",\"kind\":\"STORE\",\"pieces\":[");
    for (int i = 0; i < 40; i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"index\":%d,\"contentDigest\":\"%s\",\"sizeBytes\":1}".formatted(i, digest));
    }
    body.append("]}");

    TestEdge.Reply reply =
        TestEdge.postJson(
            url("/v1/placements"), body.toString(), LedgerTestInfra.serviceToken("ledger:write"));

    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.body().get("type").asString()).endsWith("/insufficient-capacity");
    assertThat(reply.body().get("requested").asInt()).isEqualTo(40);
  }

  @Test
  void requestedTasksAreAssignedFromTheirEvents() {
    TestEdge.Reply requested =
        TestEdge.postJson(
            url("/v1/tasks"),
            """
            {"kind":"TRANSCODE","objectId":"video-1","sizeBytes":0,
             "requirement":{"minFreeBytes":0,"minBandwidthBps":0,"codec":"h264","needsGpu":false},
             "payload":{"profile":"720p"}}""",
            LedgerTestInfra.serviceToken("ledger:write"));

    assertThat(requested.status()).isEqualTo(202);
    assertThat(requested.body().get("status").asString()).isEqualTo("REQUESTED");
    String id = requested.body().get("id").asString();
    JsonNode assigned =
        await(
            "assignment from the TaskRequested event",
            () -> task(id),
            t -> t.get("status").asString().equals("ASSIGNED"));
    assertThat(edgeOf(assigned.get("nodeAddress").asString())).isNotNull();
  }
}
