package network.aioz.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
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
import network.aioz.infra.NodeScripts;
import network.aioz.localstack.Endpoints;
import network.aioz.localstack.LocalStack;
import network.aioz.shared.edge.EdgeRequestSigning;
import network.aioz.shared.event.KafkaCloudEvents;
import network.aioz.shared.identity.InternalTokenIssuer;
import network.aioz.shared.identity.PemKeys;
import network.aioz.shared.merkle.Bytes32;
import network.aioz.shared.receipt.EpochTree;
import network.aioz.shared.receipt.WorkKind;
import network.aioz.shared.receipt.WorkReceipt;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform on one machine, end to end: edges join, a placement is stored on them, proofs come
 * in, the epoch is sealed, every receipt verifies against its root, and the epoch is settled on
 * chain where a public script verifies a receipt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackEndToEndTests {

  private static final int EDGES = E2eStack.EDGES;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private LocalStack stack;
  private Endpoints endpoints;
  private KafkaProducer<String, byte[]> proofService;
  private final Map<String, byte[]> pieces = new HashMap<>();
  private final List<JsonNode> assignments = new ArrayList<>();

  @BeforeAll
  void startTheStack() throws Exception {
    stack = E2eStack.get();
    endpoints = stack.endpoints();
    proofService =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }

  @AfterAll
  void stopTheStack() {
    if (proofService != null) {
      proofService.close();
    }
  }

  @Test
  @Order(1)
  void fourteenEdgesHaveRegisteredAcrossRegions() {
    JsonNode nodes = get(endpoints.gateway() + "/v1/edges?limit=100").get("nodes");
    Set<String> addresses = new HashSet<>();
    Set<String> regions = new HashSet<>();
    for (JsonNode node : nodes) {
      addresses.add(node.get("address").asString().toLowerCase());
      regions.add(node.get("region").asString());
      assertThat(node.get("status").asString()).isIn("VETTING", "ACTIVE");
    }
    assertThat(addresses)
        .containsAll(endpoints.edges().stream().map(e -> e.address().toLowerCase()).toList())
        .hasSize(EDGES);
    assertThat(regions).hasSizeGreaterThanOrEqualTo(4);
  }

  @Test
  @Order(2)
  void aPlacementIsStoredOnDistinctEdgesWhichSubmitTheirTasks() throws Exception {
    StringBuilder body =
        new StringBuilder(
            "{\"objectId\":\"e2e-" + UUID.randomUUID() + "\",\"kind\":\"STORE\",\"pieces\":[");
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < EDGES; i++) {
      byte[] bytes = new byte[64 * 1024 + i];
      random.nextBytes(bytes);
      String digest = EdgeRequestSigning.sha256Hex(bytes);
      pieces.put(digest, bytes);
      body.append(i == 0 ? "" : ",")
          .append(
              "{\"index\":%d,\"contentDigest\":\"%s\",\"sizeBytes\":%d}"
                  .formatted(i, digest, bytes.length));
    }
    body.append("]}");

    HttpResponse<String> placed =
        http.send(
            // placing pieces is a platform service's call (ledger:write, never a tenant's), made
            // inside the cluster, not through the gateway, which would drop the internal token
            HttpRequest.newBuilder(
                    URI.create(endpoints.services().get("ledger-service") + "/v1/placements"))
                .header("Content-Type", "application/json")
                .header("X-Platform-Identity", serviceToken())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
    JSON.readTree(placed.body()).get("assignments").forEach(assignments::add);

    Set<String> nodes = new HashSet<>();
    for (JsonNode assignment : assignments) {
      nodes.add(assignment.get("nodeAddress").asString());
      String digest = digestOf(assignment);
      HttpResponse<String> stored =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(assignment.get("endpoint").asString() + "/pieces/" + digest))
                  .PUT(HttpRequest.BodyPublishers.ofByteArray(pieces.get(digest)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(stored.statusCode()).as(stored.body()).isIn(200, 201);
    }
    assertThat(nodes).hasSize(EDGES);

    for (JsonNode assignment : assignments) {
      await(
          "edge submits task " + assignment.get("taskId").asString(),
          () -> task(assignment.get("taskId").asString()),
          t -> t.get("status").asString().equals("SUBMITTED"));
    }
  }

  @Test
  @Order(3)
  void provenPiecesAreSealedIntoAnEpochWhoseProofsVerify() throws Exception {
    for (JsonNode assignment : assignments) {
      // the proof service's part: fetch the bytes back from the edge and check them before vouching
      // for them
      String digest = digestOf(assignment);
      HttpResponse<byte[]> served =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(assignment.get("endpoint").asString() + "/pieces/" + digest))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(EdgeRequestSigning.sha256Hex(served.body())).isEqualTo(digest);
      publishProofPassed(
          assignment.get("taskId").asString(), assignment.get("nodeAddress").asString(), digest);
    }

    Bytes32 root = null;
    for (JsonNode assignment : assignments) {
      String taskId = assignment.get("taskId").asString();
      JsonNode receipt =
          await(
              "sealed receipt of " + taskId,
              () -> getOrNull(endpoints.gateway() + "/v1/receipts/" + taskId),
              r -> r.has("root"));
      JsonNode r = receipt.get("receipt");
      WorkReceipt rebuilt =
          WorkReceipt.of(
              UUID.fromString(taskId),
              r.get("node").asString(),
              WorkKind.valueOf(r.get("kind").asString()),
              new BigInteger(r.get("units").asString()),
              r.get("epoch").asLong(),
              Bytes32.fromHex(r.get("proofRef").asString()));
      assertThat(rebuilt.node()).isEqualToIgnoringCase(assignment.get("nodeAddress").asString());
      assertThat(rebuilt.units())
          .isEqualTo(BigInteger.valueOf(pieces.get(digestOf(assignment)).length));
      List<Bytes32> proof =
          receipt.get("proof").valueStream().map(p -> Bytes32.fromHex(p.asString())).toList();
      Bytes32 receiptRoot = Bytes32.fromHex(receipt.get("root").asString());
      assertThat(EpochTree.verify(receiptRoot, rebuilt, proof))
          .as("receipt proof of %s", taskId)
          .isTrue();
      JsonNode epoch = get(endpoints.gateway() + "/v1/epochs/" + r.get("epoch").asLong());
      assertThat(epoch.get("root").asString()).isEqualTo(receiptRoot.toHex());
      assertThat(task(taskId).get("status").asString()).isEqualTo("SETTLED");
      root = receiptRoot;
    }
    assertThat(root).isNotNull();
  }

  @Test
  @Order(4)
  void theEpochIsSettledOnChainAndAnyoneCanVerifyAReceiptWithPublicTools() {
    String taskId = assignments.getFirst().get("taskId").asString();
    JsonNode verifiable =
        await(
            "settlement of the epoch of " + taskId,
            () -> getOrNull(endpoints.gateway() + "/v1/chain/receipts/" + taskId),
            v -> v.path("settlement").path("state").asString("").equals("committed"));
    assertThat(verifiable.get("settlement").get("chainId").asLong())
        .isEqualTo(endpoints.chain().chainId());
    assertThat(verifiable.get("contract").asString()).isEqualTo(endpoints.chain().registry());

    // ethers and OpenZeppelin's Merkle library against the chain node: nothing of ours but the API
    NodeScripts.Result verified =
        NodeScripts.run(
            Path.of("../chain-adapter/verify"),
            "verify.mjs",
            List.of(
                "receipt",
                taskId,
                "--api",
                endpoints.gateway(),
                "--rpc",
                endpoints.chain().rpcUrl(),
                "--registry",
                endpoints.chain().registry()),
            Duration.ofSeconds(120));
    assertThat(verified.exitCode()).as(verified.output()).isZero();
    assertThat(verified.output()).contains("all checks passed");
  }

  @Test
  @Order(5)
  void anEdgeRefusesBytesNobodyAssignedToIt() throws Exception {
    byte[] stray = "nobody asked for this".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> refused =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        endpoints.edges().getFirst().url()
                            + "/pieces/"
                            + EdgeRequestSigning.sha256Hex(stray)))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(stray))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
  }

  private String serviceToken() {
    ECPrivateKey key = PemKeys.privateKey(endpoints.credentials().internalTokenPrivateKeyPem());
    return new InternalTokenIssuer(
            key,
            endpoints.credentials().internalTokenIssuer(),
            Duration.ofSeconds(60),
            Clock.systemUTC())
        .issue("e2e-storage-service", "platform", Set.of("ledger:write"), "service");
  }

  private void publishProofPassed(String taskId, String node, String digest) {
    byte[] data =
        "{\"taskId\":\"%s\",\"nodeAddress\":\"%s\",\"proofRef\":\"retrieval:%s\"}"
            .formatted(taskId, node, digest)
            .getBytes(StandardCharsets.UTF_8);
    CloudEvent event =
        KafkaCloudEvents.event(
            UUID.randomUUID().toString(),
            URI.create("urn:aioz:e2e-proof-service"),
            "network.aioz.proof.ProofPassed",
            taskId,
            OffsetDateTime.now(),
            data);
    proofService.send(KafkaCloudEvents.toRecord("proof.result", event));
    proofService.flush();
  }

  private String digestOf(JsonNode assignment) {
    return task(assignment.get("taskId").asString()).get("contentDigest").asString();
  }

  private static JsonNode await(String what, Supplier<JsonNode> probe, Predicate<JsonNode> done) {
    return Awaitility.await(what)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(probe::get, done);
  }

  private JsonNode task(String id) {
    return get(endpoints.gateway() + "/v1/tasks/" + id);
  }

  private JsonNode get(String url) {
    JsonNode node = getOrNull(url);
    assertThat(node).as("GET %s", url).isNotNull();
    return node;
  }

  private JsonNode getOrNull(String url) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    } catch (java.io.IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
