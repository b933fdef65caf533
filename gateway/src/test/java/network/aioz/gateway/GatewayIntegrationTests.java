package network.aioz.gateway;

import static network.aioz.gateway.ProblemAssertions.assertGatewayProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import network.aioz.gateway.FakeLedger.Received;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = GatewayTestInfra.class)
class GatewayIntegrationTests {

  private static final String PROBLEMS = "https://aioz.network/problems/gateway/";
  private static final int MAX_REQUEST_BYTES = 1024;
  private static final FakeLedger ledger = startLedger();

  @LocalServerPort int port;

  private GatewayClient gateway;

  @DynamicPropertySource
  static void routeToFakeLedger(DynamicPropertyRegistry registry) {
    registry.add("LEDGER_URI", ledger::uri);
    // the fake echoes any path, so it stands in for chain-adapter's public reads too
    registry.add("CHAIN_URI", ledger::uri);
    registry.add("LEDGER_RESPONSE_TIMEOUT_MS", () -> "500");
    registry.add("GATEWAY_MAX_REQUEST_SIZE", () -> MAX_REQUEST_BYTES + "B");
  }

  @AfterAll
  static void stopLedger() {
    ledger.close();
  }

  @BeforeEach
  void setUp() {
    gateway = new GatewayClient(port);
    ledger.forgetReceived();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1/edges/e1",
        "/v1/tasks",
        "/v1/placements/p1",
        "/v1/receipts/r1",
        "/v1/epochs/7",
        "/v1/nodes/n1/status"
      })
  void routesEveryLedgerPathAndPassesTheResponseThrough(String path) throws Exception {
    HttpResponse<String> response = gateway.get(path + "?page=2&size=10");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("X-Ledger-Echo")).hasValue("GET");
    assertThat(response.headers().firstValue("Location")).hasValue(path + "/42");
    assertThat(response.body()).isEqualTo("GET " + path + "?page=2&size=10\n");
    Received received = ledger.nextReceived();
    assertThat(received.uri().toString()).isEqualTo(path + "?page=2&size=10");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1/chain/status",
        "/v1/chain/epochs",
        "/v1/chain/epochs/7",
        "/v1/chain/receipts/t-1",
        "/v1/chain/rewards/7/0x5FbDB2315678afecb367f032d93F642f64180aa3",
        "/v1/chain/reconciliation"
      })
  void routesChainReadsToTheChainAdapterWithoutACredential(String path) throws Exception {
    // auth none: even a credential the gateway could not verify is ignored, never a 401
    HttpResponse<String> response = gateway.get(path, "Authorization", "Bearer not-a-token");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body()).isEqualTo("GET " + path + "\n");
    assertThat(ledger.nextReceived().uri().toString()).isEqualTo(path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
  void neverForwardsAWriteToTheChainAdapter(String method) throws Exception {
    HttpResponse<String> response =
        gateway.send(method, "/v1/chain/epochs/7", HttpRequest.BodyPublishers.ofString("{}"));

    assertGatewayProblem(response, 404, PROBLEMS + "no-route", "/v1/chain/epochs/7");
    assertThat(ledger.nextReceived()).isNull();
  }

  /**
   * Reactor Netty 1.3.6 stopped reading a keep-alive connection when a request arrived while the
   * previous one was still finishing and was answered at once: the one after it was never read, so
   * the client waited until it gave up. The reference page set this up about one time in seven (it
   * finishes after its answer is sent), and the CI failures of /openapi/identity came from it.
   */
  @Test
  void aKeepAliveConnectionGoesOnAnsweringAfterTheReferencePage() throws Exception {
    for (int round = 0; round < 40; round++) {
      GatewayClient oneConnection = new GatewayClient(port);
      assertThat(oneConnection.get("/swagger-ui/index.html", Duration.ofSeconds(5)).statusCode())
          .isEqualTo(200);
      for (int next = 0; next < 2; next++) {
        assertThat(oneConnection.get("/v1/nothing-here", Duration.ofSeconds(5)).statusCode())
            .as("round %d, request %d after the page", round, next + 1)
            .isEqualTo(404);
      }
    }
  }

  @Test
  void servesTheChainAdaptersOpenApiDocumentOnTheReferencePage() throws Exception {
    HttpResponse<String> document = gateway.get("/openapi/chain");

    assertThat(document.statusCode()).isEqualTo(201);
    assertThat(ledger.nextReceived().uri().toString()).isEqualTo("/v3/api-docs");
    assertThat(gateway.get("/openapi/gateway/swagger-config").body())
        .contains("\"url\":\"/openapi/chain\"");
  }

  @Test
  void forwardsMethodHeadersAndBodyUnchanged() throws Exception {
    String body = "{\"kind\":\"store\",\"bytes\":1048576}";
    HttpResponse<String> response =
        gateway.send(
            "POST",
            "/v1/tasks",
            HttpRequest.BodyPublishers.ofString(body),
            "Content-Type",
            "application/json",
            "X-Tenant-Hint",
            "t-1");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body()).isEqualTo("POST /v1/tasks\n" + body);
    Received received = ledger.nextReceived();
    assertThat(received.method()).isEqualTo("POST");
    assertThat(new String(received.body(), StandardCharsets.UTF_8)).isEqualTo(body);
    assertThat(received.headers().getFirst("Content-Type")).isEqualTo("application/json");
    assertThat(received.headers().getFirst("X-Tenant-Hint")).isEqualTo("t-1");
  }

  @Test
  void passesTheUpstreamsOwnProblemThroughUntouched() throws Exception {
    HttpResponse<String> response = gateway.get(FakeLedger.MISSING_EPOCH);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).isEqualTo(FakeLedger.EPOCH_PROBLEM);
  }

  @Test
  void generatesARequestIdAndSendsItBothWays() throws Exception {
    HttpResponse<String> response = gateway.get("/v1/edges");

    String id = response.headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(UUID.fromString(id)).isNotNull();
    assertThat(ledger.nextReceived().headers().getFirst("X-Request-Id")).isEqualTo(id);
    assertThat(gateway.get("/v1/edges").headers().firstValue("X-Request-Id"))
        .isPresent()
        .isNotEqualTo(id);
  }

  @Test
  void keepsAWellFormedRequestIdFromTheClient() throws Exception {
    String id = "client-42_A.b";

    HttpResponse<String> response = gateway.get("/v1/receipts/r1", "X-Request-Id", id);

    assertThat(response.headers().firstValue("X-Request-Id")).hasValue(id);
    assertThat(ledger.nextReceived().headers().getFirst("X-Request-Id")).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"has space", "semi;colon", "<script>", "a/b"})
  void replacesAMalformedRequestId(String malformed) throws Exception {
    HttpResponse<String> response = gateway.get("/v1/receipts/r1", "X-Request-Id", malformed);

    String id = response.headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(id).isNotEqualTo(malformed);
    assertThat(UUID.fromString(id)).isNotNull();
    assertThat(ledger.nextReceived().headers().getFirst("X-Request-Id")).isEqualTo(id);
  }

  @Test
  void replacesATooLongRequestId() throws Exception {
    String longest = "a".repeat(128);
    String tooLong = "a".repeat(129);

    assertThat(
            gateway.get("/v1/nodes", "X-Request-Id", longest).headers().firstValue("X-Request-Id"))
        .hasValue(longest);
    assertThat(
            gateway.get("/v1/nodes", "X-Request-Id", tooLong).headers().firstValue("X-Request-Id"))
        .isPresent()
        .isNotEqualTo(tooLong);
  }

  @Test
  void forwardsTraceContextUnchanged() throws Exception {
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    String tracestate = "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7";

    gateway.get("/v1/tasks/t1", "traceparent", traceparent, "tracestate", tracestate);

    Received received = ledger.nextReceived();
    assertThat(received.headers().getFirst("traceparent")).isEqualTo(traceparent);
    assertThat(received.headers().getFirst("tracestate")).isEqualTo(tracestate);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/v1/unknown", "/v1/edgesx", "/v2/edges/e1"})
  void answersAnUnknownPathWithANotFoundProblem(String path) throws Exception {
    HttpResponse<String> response = gateway.get(path, "X-Request-Id", "trace-me");

    assertGatewayProblem(response, 404, PROBLEMS + "no-route", path);
    assertThat(GatewayClient.json(response).get("requestId").asString()).isEqualTo("trace-me");
    assertThat(ledger.nextReceived()).isNull();
  }

  @Test
  void answersASlowUpstreamWithATimeoutProblem() throws Exception {
    long started = System.nanoTime();

    HttpResponse<String> response = gateway.get("/v1/receipts" + FakeLedger.SLOW_SUFFIX);

    assertGatewayProblem(response, 504, PROBLEMS + "upstream-timeout", "/v1/receipts/slow");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(FakeLedger.SLOW_DELAY);
  }

  @Test
  void refusesADeclaredBodyOverTheLimitWithoutCallingTheUpstream() throws Exception {
    HttpResponse<String> response =
        gateway.send(
            "PUT",
            "/v1/tasks/t1",
            HttpRequest.BodyPublishers.ofByteArray(new byte[MAX_REQUEST_BYTES + 1]));

    assertGatewayProblem(response, 413, PROBLEMS + "request-too-large", "/v1/tasks/t1");
    assertThat(ledger.nextReceived()).isNull();
  }

  @Test
  void refusesAChunkedBodyOverTheLimit() throws Exception {
    HttpResponse<String> response =
        gateway.send("PUT", "/v1/tasks/t1", GatewayClient.chunked(new byte[4 * MAX_REQUEST_BYTES]));

    assertGatewayProblem(response, 413, PROBLEMS + "request-too-large", "/v1/tasks/t1");
  }

  @Test
  void acceptsABodyAtTheLimit() throws Exception {
    HttpResponse<String> declared =
        gateway.send(
            "PUT",
            "/v1/tasks/t1",
            HttpRequest.BodyPublishers.ofByteArray(new byte[MAX_REQUEST_BYTES]));
    HttpResponse<String> chunked =
        gateway.send("PUT", "/v1/tasks/t1", GatewayClient.chunked(new byte[MAX_REQUEST_BYTES]));

    assertThat(declared.statusCode()).isEqualTo(201);
    assertThat(chunked.statusCode()).isEqualTo(201);
    assertThat(ledger.nextReceived().body()).hasSize(MAX_REQUEST_BYTES);
    assertThat(ledger.nextReceived().body()).hasSize(MAX_REQUEST_BYTES);
  }

  @Test
  void answersAWrongMethodWithAProblemNamingTheAllowedOnes() throws Exception {
    HttpResponse<String> response =
        gateway.send("DELETE", "/actuator/health", HttpRequest.BodyPublishers.noBody());

    assertGatewayProblem(response, 405, "about:blank", "/actuator/health");
    assertThat(response.headers().firstValue("Allow"))
        .hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"})
  void reportsHealthForProbes(String path) throws Exception {
    HttpResponse<String> response = gateway.get(path);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(GatewayClient.json(response).get("status").asString()).isEqualTo("UP");
  }

  private static FakeLedger startLedger() {
    try {
      return new FakeLedger();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
