package network.aioz.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs the real agent against {@link FakeLedger}, which checks every signature. */
class EdgeNodeIntegrationTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dataDir;
  private final FakeLedger ledger = new FakeLedger();
  private final HttpClient client = HttpClient.newHttpClient();
  private final List<EdgeNode> nodes = new ArrayList<>();

  EdgeNodeIntegrationTests() throws Exception {}

  @AfterEach
  void stop() {
    nodes.forEach(EdgeNode::close);
    ledger.close();
    client.close();
  }

  @Test
  void registersWithASignedDeclarationOfItsCapabilities() throws Exception {
    EdgeNode node = start(Clock.systemUTC(), "--quota", "500MiB", "--codecs", "h264, vp9");

    List<FakeLedger.Call> registrations = ledger.calls("POST", "/v1/edges");
    assertThat(registrations).hasSize(1);
    FakeLedger.Call registration = registrations.getFirst();
    assertThat(registration.signer()).isEqualTo(node.address());
    JsonNode body = registration.body();
    assertThat(body.get("address").asString()).isEqualTo(node.address()).startsWith("0x");
    assertThat(body.get("region").asString()).isEqualTo("eu-west");
    assertThat(body.get("faultDomain").asString()).isEqualTo("eu-west");
    assertThat(body.get("endpoint").asString()).isEqualTo("http://127.0.0.1:" + node.port());
    JsonNode capabilities = body.get("capabilities");
    assertThat(fieldNames(capabilities))
        .containsExactlyInAnyOrder(
            "storageBytes",
            "bandwidthBps",
            "transcodeCodecs",
            "inferenceRuntimes",
            "inferenceModels",
            "cpuCores",
            "gpuCount",
            "maxConcurrentTasks");
    assertThat(capabilities.get("storageBytes").asLong()).isEqualTo(500L << 20);
    assertThat(capabilities.get("transcodeCodecs").toString()).isEqualTo("[\"h264\",\"vp9\"]");
    assertThat(capabilities.get("inferenceRuntimes").size()).isZero();
    assertThat(ledger.signatureFailures()).isEmpty();

    HttpResponse<String> health = get(node, "/health");
    assertThat(health.statusCode()).isEqualTo(200);
    JsonNode healthBody = JSON.readTree(health.body());
    assertThat(healthBody.get("status").asString()).isEqualTo("UP");
    assertThat(healthBody.get("registered").asBoolean()).isTrue();
    assertThat(healthBody.get("address").asString()).isEqualTo(node.address());
    assertThat(healthBody.get("quotaBytes").asLong()).isEqualTo(500L << 20);
  }

  @Test
  void retriesRegistrationUntilTheLedgerAnswersAndIsUnhealthyMeanwhile() throws Exception {
    ledger.refuseRegistrations(2);
    EdgeNode node = new EdgeNode(config(), Clock.systemUTC());
    nodes.add(node);
    CompletableFuture<Void> started =
        CompletableFuture.runAsync(
            () -> {
              try {
                node.start();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    await(() -> !ledger.calls("POST", "/v1/edges").isEmpty(), Duration.ofSeconds(15));

    // the third attempt is the first to succeed, at least 1.5 s of backoff later
    HttpResponse<String> early = get(node, "/health");
    assertThat(early.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(early.body()).get("registered").asBoolean()).isFalse();

    started.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(get(node, "/health").statusCode()).isEqualTo(200);
    assertThat(ledger.calls("POST", "/v1/edges")).hasSize(3);
  }

  @Test
  void heartbeatSequencesKeepRisingAcrossARestartEvenWhenTheClockStandsStill() throws Exception {
    // a frozen clock leaves only the persisted sequence to keep heartbeats from repeating
    Clock frozen = Clock.fixed(Instant.now(), ZoneOffset.UTC);
    EdgeNode first = start(frozen);
    await(() -> ledger.heartbeats().size() >= 3, Duration.ofSeconds(15));
    first.close();
    int beforeRestart = ledger.heartbeats().size();
    assertThat(ledger.heartbeats().getLast().body().get("draining").asBoolean()).isTrue();

    EdgeNode second = start(frozen);
    assertThat(second.address()).isEqualTo(first.address());
    await(() -> ledger.heartbeats().size() >= beforeRestart + 3, Duration.ofSeconds(15));
    second.close();

    List<Long> sequences =
        ledger.heartbeats().stream().map(c -> c.body().get("sequence").asLong()).toList();
    for (int i = 1; i < sequences.size(); i++) {
      assertThat(sequences.get(i)).isGreaterThan(sequences.get(i - 1));
    }
    assertThat(ledger.signatureFailures()).isEmpty();
  }

  @Test
  void dropsAReleasedPieceAndAcknowledgesIt() throws Exception {
    EdgeNode node = start(Clock.systemUTC());
    byte[] bytes = randomBytes(40_000);
    String digest = sha256(bytes);
    FakeLedger.FakeTask task = ledger.assign("STORE", node.address(), digest, bytes.length);
    await(() -> task.status.equals("RUNNING"), Duration.ofSeconds(15));
    assertThat(put(node, digest, bytes).statusCode()).isEqualTo(201);
    await(() -> task.status.equals("SUBMITTED"), Duration.ofSeconds(15));

    task.released = true;

    await(() -> task.releaseAcknowledged, Duration.ofSeconds(15));
    assertThat(get(node, "/pieces/" + digest).statusCode()).isEqualTo(404);
    await(
        () -> ledger.heartbeats().getLast().body().get("usedBytes").asLong() == 0,
        Duration.ofSeconds(15));
  }

  @Test
  void startsAStoreTaskAndSubmitsItOnceItsPieceArrives() throws Exception {
    EdgeNode node = start(Clock.systemUTC());
    byte[] bytes = randomBytes(70_000);
    String digest = sha256(bytes);
    FakeLedger.FakeTask task = ledger.assign("STORE", node.address(), digest, bytes.length);
    await(() -> task.status.equals("RUNNING"), Duration.ofSeconds(15));

    HttpResponse<String> put = put(node, digest, bytes);
    assertThat(put.statusCode()).isEqualTo(201);

    await(() -> task.status.equals("SUBMITTED"), Duration.ofSeconds(15));
    assertThat(task.resultDigest).isEqualTo(digest);
    assertThat(task.units).isEqualTo(70_000);
    await(
        () -> ledger.heartbeats().getLast().body().get("usedBytes").asLong() == 70_000,
        Duration.ofSeconds(15));
  }

  @Test
  void acceptsAPieceAssignedAMomentAgoAndRefusesAnUnassignedOneAfterOneRefresh() throws Exception {
    // polling is slowed down so that every task-list fetch below is caused by a PUT
    EdgeNode node = start(Clock.systemUTC(), "--poll-interval", "PT1H");
    await(() -> taskFetches() >= 1, Duration.ofSeconds(15));
    byte[] unasked = randomBytes(1000);

    int fetchesBefore = taskFetches();
    HttpResponse<String> refused = put(node, sha256(unasked), unasked);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(taskFetches()).isEqualTo(fetchesBefore + 1);
    assertThat(JSON.readTree(get(node, "/health").body()).get("pieces").asInt()).isZero();

    byte[] bytes = randomBytes(2000);
    FakeLedger.FakeTask task = ledger.assign("STORE", node.address(), sha256(bytes), 2000);
    assertThat(put(node, sha256(bytes), bytes).statusCode()).isEqualTo(201);
    await(() -> task.status.equals("SUBMITTED"), Duration.ofSeconds(15));
  }

  @Test
  void failsTasksOfKindsItDoesNotDoAndStoresWhosePieceNeverCame() throws Exception {
    EdgeNode node = start(Clock.systemUTC(), "--store-timeout", "300ms");
    FakeLedger.FakeTask transcode =
        ledger.assign("TRANSCODE", node.address(), sha256(new byte[] {1}), 1);
    FakeLedger.FakeTask store = ledger.assign("STORE", node.address(), sha256(new byte[] {2}), 1);

    await(() -> transcode.status.equals("FAILED"), Duration.ofSeconds(15));
    assertThat(transcode.failReason).isEqualTo("unsupported task kind");
    await(() -> store.status.equals("FAILED"), Duration.ofSeconds(15));
    assertThat(store.failReason).contains("did not arrive");
  }

  @Test
  void drainsOnShutdownWithAFinalHeartbeatAndNoMoreWrites() throws Exception {
    EdgeNode node = start(Clock.systemUTC());
    await(() -> !ledger.heartbeats().isEmpty(), Duration.ofSeconds(15));
    int port = node.port();

    node.close();

    FakeLedger.Call last = ledger.heartbeats().getLast();
    assertThat(last.body().get("draining").asBoolean()).isTrue();
    assertThat(ledger.heartbeats().stream().filter(c -> c.body().get("draining").asBoolean()))
        .hasSize(1);
    int heartbeats = ledger.heartbeats().size();
    Thread.sleep(300);
    assertThat(ledger.heartbeats()).hasSize(heartbeats);
    assertThat(reachable(port)).isFalse();
  }

  private EdgeNode start(Clock clock, String... extra) throws Exception {
    EdgeNode node = new EdgeNode(config(extra), clock);
    nodes.add(node);
    node.start();
    return node;
  }

  private EdgeConfig config(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--ledger-url",
                ledger.url(),
                "--region",
                "eu-west",
                "--data-dir",
                dataDir.toString(),
                "--bind",
                "127.0.0.1",
                "--port",
                "0",
                "--heartbeat-interval",
                "100ms",
                "--poll-interval",
                "100ms"));
    args.addAll(List.of(extra));
    return EdgeConfig.parse(args.toArray(String[]::new), Map.of());
  }

  private int taskFetches() {
    return ledger.calls("GET", "/tasks").size();
  }

  private HttpResponse<String> get(EdgeNode node, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> put(EdgeNode node, String digest, byte[] bytes) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/pieces/" + digest))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private boolean reachable(int port) {
    try {
      client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
              .timeout(Duration.ofSeconds(1))
              .build(),
          HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static Set<String> fieldNames(JsonNode node) {
    return Set.copyOf(StreamSupport.stream(node.propertyNames().spliterator(), false).toList());
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static void await(BooleanSupplier condition, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout);
      }
      Thread.sleep(20);
    }
  }
}
