package network.aioz.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import network.aioz.infra.SharedInfra;
import network.aioz.shared.event.KafkaCloudEvents;
import network.aioz.shared.identity.InternalTokens;
import network.aioz.shared.merkle.rfc6962.BlockTree;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ProofIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorageProofIntegrationTests {

  private static final int BLOCK = 4096;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @TempDir Path dataDir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Result> results = new CopyOnWriteArrayList<>();
  private KafkaProducer<String, byte[]> producer;
  private Thread resultReader;
  private volatile boolean reading = true;

  /** A {@code proof.result} event as a consumer sees it. */
  record Result(String key, String type, JsonNode data) {}

  /** A piece as the storage service announced it. */
  record Stored(UUID pieceId, UUID taskId, TestEdge.Piece piece, String storedEventId) {}

  @BeforeAll
  void connect() {
    producer = SharedInfra.eventProducer();
    KafkaConsumer<String, byte[]> consumer = SharedInfra.eventConsumer("proof-results");
    consumer.subscribe(List.of("proof.result"));
    resultReader =
        Thread.ofPlatform()
            .name("proof-result-reader")
            .start(
                () -> {
                  try (consumer) {
                    while (reading) {
                      for (ConsumerRecord<String, byte[]> record :
                          consumer.poll(Duration.ofMillis(100))) {
                        CloudEvent event = KafkaCloudEvents.fromRecord(record);
                        results.add(
                            new Result(
                                record.key(),
                                event.getType(),
                                JSON.readTree(KafkaCloudEvents.data(event))));
                      }
                    }
                  }
                });
  }

  @AfterAll
  void disconnect() throws InterruptedException {
    reading = false;
    resultReader.join();
    producer.close();
    http.close();
  }

  private TestEdge edge() {
    return new TestEdge(dataDir.resolve(UUID.randomUUID().toString()));
  }

  private void publish(String topic, String key, String type, String eventId, String data) {
    CloudEvent event =
        KafkaCloudEvents.event(
            eventId,
            URI.create("urn:aioz:test"),
            type,
            key,
            OffsetDateTime.now(),
            data.getBytes(StandardCharsets.UTF_8));
    producer.send(KafkaCloudEvents.toRecord(topic, event));
    producer.flush();
  }

  private Stored storeOn(TestEdge edge, int size, String priority) throws Exception {
    TestEdge.Piece piece = edge.store(size, size * 31L + System.nanoTime());
    Stored stored =
        new Stored(UUID.randomUUID(), UUID.randomUUID(), piece, UUID.randomUUID().toString());
    announce(edge, stored, priority, stored.storedEventId());
    awaitPlacement(stored, p -> true);
    return stored;
  }

  private void announce(TestEdge edge, Stored stored, String priority, String eventId)
      throws Exception {
    String root =
        BlockTree.build(new ByteArrayInputStream(stored.piece().bytes()), BLOCK).root().toHex();
    publish(
        "storage.piece",
        stored.pieceId().toString(),
        "network.aioz.storage.PieceStored",
        eventId,
        """
        {"pieceId":"%s","taskId":"%s","nodeAddress":"%s","endpoint":"%s","contentDigest":"%s",
         "sizeBytes":%d,"blockSize":%d,"merkleRoot":"%s","tenantId":"tenant-1","priority":"%s"}"""
            .formatted(
                stored.pieceId(),
                stored.taskId(),
                edge.address.toLowerCase(),
                edge.endpoint() + "/",
                stored.piece().digest(),
                stored.piece().bytes().length,
                BLOCK,
                root.substring(2),
                priority));
  }

  private void release(Stored stored, String node) {
    publish(
        "storage.piece",
        stored.pieceId().toString(),
        "network.aioz.storage.PieceReleased",
        UUID.randomUUID().toString(),
        "{\"pieceId\":\"%s\",\"taskId\":\"%s\",\"nodeAddress\":\"%s\",\"reason\":\"deleted\"}"
            .formatted(stored.pieceId(), stored.taskId(), node));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> forceChallenge(Stored stored, String query, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:"
                        + port
                        + "/v1/proofs/pieces/"
                        + stored.pieceId()
                        + "/challenge"
                        + query))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header(InternalTokens.HEADER, token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode forceChallenge(Stored stored, boolean includeData) throws Exception {
    HttpResponse<String> reply =
        forceChallenge(
            stored, "?includeData=" + includeData, ProofTestInfra.serviceToken("proof:write"));
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    JsonNode results = JSON.readTree(reply.body()).get("results");
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  private JsonNode placement(Stored stored) throws Exception {
    HttpResponse<String> reply = get("/v1/proofs/pieces/" + stored.pieceId());
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    return JSON.readTree(reply.body()).get("placements").get(0);
  }

  private JsonNode awaitPlacement(Stored stored, Predicate<JsonNode> done) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> placement(stored), done);
  }

  private Result awaitResult(Predicate<Result> matching) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> results.stream().filter(matching).findFirst().orElse(null), r -> r != null);
  }

  private Result awaitResultOf(JsonNode forced) {
    String challengeId = forced.get("challengeId").asString();
    return awaitResult(r -> challengeId.equals(r.data().get("challengeId").asString()));
  }

  @Test
  void anHonestEdgePassesScheduledAndForcedChallenges() throws Exception {
    try (TestEdge edge = edge()) {
      Stored stored = storeOn(edge, 10 * BLOCK + 123, "standard");

      Result passed =
          awaitResult(
              r -> r.key().equals(stored.taskId().toString()) && r.type().endsWith("ProofPassed"));
      JsonNode data = passed.data();
      assertThat(data.get("taskId").asString()).isEqualTo(stored.taskId().toString());
      assertThat(data.get("nodeAddress").asString()).isEqualTo(edge.address);
      assertThat(data.get("proofRef").asString()).matches("0x[0-9a-f]{64}");
      assertThat(data.get("reason").isNull()).isTrue();
      assertThat(data.get("kind").asString()).isEqualTo("storage");
      assertThat(data.get("pieceId").asString()).isEqualTo(stored.pieceId().toString());
      assertThat(data.get("blockIndex").asLong()).isBetween(0L, 10L);

      JsonNode forced = forceChallenge(stored, true);
      assertThat(forced.get("result").asString()).as(forced.toString()).isEqualTo("PASSED");
      assertThat(forced.get("published").asBoolean()).isTrue();
      assertThat(awaitResultOf(forced).type()).isEqualTo("network.aioz.proof.ProofPassed");

      JsonNode state = placement(stored);
      assertThat(state.get("lastResult").asString()).isEqualTo("PASSED");
      assertThat(state.get("consecutiveFailures").asInt()).isZero();
      assertThat(state.get("blockCount").asLong()).isEqualTo(11);
      assertThat(state.get("recentChallenges").size()).isGreaterThanOrEqualTo(2);
      release(stored, edge.address);
    }
  }

  @Test
  void theNextChallengeCatchesACorruptedPiece() throws Exception {
    try (TestEdge edge = edge()) {
      Stored stored = storeOn(edge, 8 * BLOCK, "standard");
      awaitPlacement(stored, p -> "PASSED".equals(p.get("lastResult").asString()));

      edge.corrupt(stored.piece(), BLOCK);
      for (boolean includeData : new boolean[] {true, false}) {
        JsonNode forced = forceChallenge(stored, includeData);
        assertThat(forced.get("result").asString()).isEqualTo("FAILED");
        assertThat(forced.get("reason").asString()).isIn("data-mismatch", "invalid-proof");
        Result event = awaitResultOf(forced);
        assertThat(event.type()).isEqualTo("network.aioz.proof.ProofFailed");
        assertThat(event.key()).isEqualTo(stored.taskId().toString());
        assertThat(event.data().get("reason").asString())
            .isEqualTo(forced.get("reason").asString());
      }
      assertThat(placement(stored).get("consecutiveFailures").asInt()).isGreaterThanOrEqualTo(2);
      release(stored, edge.address);
    }
  }

  @Test
  void aDeletedPieceIsMissing() throws Exception {
    try (TestEdge edge = edge()) {
      Stored stored = storeOn(edge, 3 * BLOCK, "high");
      edge.delete(stored.piece());
      JsonNode forced = forceChallenge(stored, false);
      assertThat(forced.get("reason").asString()).isEqualTo("missing");
      assertThat(awaitResultOf(forced).type()).isEqualTo("network.aioz.proof.ProofFailed");
      release(stored, edge.address);
    }
  }

  @Test
  void aStoppedEdgeIsUnreachableAndASlowOneTimesOut() throws Exception {
    TestEdge slow = edge();
    Stored slowPiece = storeOn(slow, 2 * BLOCK, "standard");
    slow.slowDownBy(Duration.ofSeconds(3));
    JsonNode timedOut = forceChallenge(slowPiece, false);
    assertThat(timedOut.get("reason").asString()).isEqualTo("timeout");
    assertThat(timedOut.get("latencyMs").asLong()).isBetween(900L, 2500L);
    slow.close();

    JsonNode unreachable = forceChallenge(slowPiece, false);
    assertThat(unreachable.get("reason").asString()).isEqualTo("unreachable");
    assertThat(awaitResultOf(unreachable).type())
        .as("an unreachable node is not evidence of lost data")
        .isEqualTo("network.aioz.proof.ProofInconclusive");
    release(slowPiece, slow.address);
  }

  @Test
  void aReleasedPieceIsNoLongerChallenged() throws Exception {
    try (TestEdge edge = edge()) {
      Stored stored = storeOn(edge, 2 * BLOCK, "high");
      awaitPlacement(stored, p -> p.get("challenges").asInt() >= 1);

      release(stored, edge.address);
      int challenges =
          awaitPlacement(stored, p -> p.get("released").asBoolean()).get("challenges").asInt();
      Thread.sleep(2_500);
      assertThat(placement(stored).get("challenges").asInt())
          .as("at most the challenge in flight at the release")
          .isLessThanOrEqualTo(challenges + 1);
      assertThat(
              forceChallenge(stored, "", ProofTestInfra.serviceToken("proof:write")).statusCode())
          .isEqualTo(409);
    }
  }

  @Test
  void theNodesOfEjectedEdgesAreNotChallenged() throws Exception {
    try (TestEdge edge = edge()) {
      Stored stored = storeOn(edge, 2 * BLOCK, "standard");
      awaitPlacement(stored, p -> p.get("challenges").asInt() >= 1);
      publish(
          "ledger.edge",
          edge.address,
          "network.aioz.ledger.EdgeStatusChanged",
          UUID.randomUUID().toString(),
          "{\"address\":\"%s\",\"from\":\"ACTIVE\",\"to\":\"EJECTED\",\"reason\":\"audits\"}"
              .formatted(edge.address));
      int challenges =
          awaitPlacement(stored, p -> "EJECTED".equals(p.get("nodeStatus").asString()))
              .get("challenges")
              .asInt();
      Thread.sleep(2_500);
      assertThat(placement(stored).get("challenges").asInt()).isLessThanOrEqualTo(challenges + 1);
      release(stored, edge.address);
    }
  }

  @Test
  void aReplayedPieceStoredIsOnePlacement() throws Exception {
    try (TestEdge edge = edge()) {
      Stored stored = storeOn(edge, 2 * BLOCK, "standard");
      announce(edge, stored, "standard", stored.storedEventId());
      announce(edge, stored, "standard", UUID.randomUUID().toString());
      release(stored, edge.address);
      // events of one piece share a partition: once the release is applied, so are the replays
      awaitPlacement(stored, p -> p.get("released").asBoolean());
      JsonNode piece = JSON.readTree(get("/v1/proofs/pieces/" + stored.pieceId()).body());
      assertThat(piece.get("placements")).hasSize(1);
    }
  }

  @Test
  void forcingAChallengeNeedsTheWriteScopeAndAKnownPiece() throws Exception {
    Stored unknown = new Stored(UUID.randomUUID(), UUID.randomUUID(), null, null);
    assertThat(forceChallenge(unknown, "", null).statusCode()).isEqualTo(401);
    assertThat(forceChallenge(unknown, "", ProofTestInfra.serviceToken("proof:read")).statusCode())
        .isEqualTo(403);
    HttpResponse<String> notFound =
        forceChallenge(unknown, "", ProofTestInfra.serviceToken("proof:write"));
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(notFound.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(get("/v1/proofs/pieces/not-a-uuid").statusCode()).isEqualTo(400);
  }
}
