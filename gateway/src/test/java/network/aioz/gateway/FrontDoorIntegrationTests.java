package network.aioz.gateway;

import static network.aioz.gateway.ProblemAssertions.assertGatewayProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import network.aioz.shared.identity.InternalIdentity;
import org.awaitility.Awaitility;
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
import tools.jackson.databind.JsonNode;

/**
 * The gateway in front of the real identity-service (in this JVM) and a recording stand-in for a
 * platform service: who gets through, what the service is told, and Idempotency-Key semantics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = GatewayTestInfra.class)
class FrontDoorIntegrationTests {

  private static final String PROBLEMS = "https://aioz.network/problems/gateway/";
  private static final FakeLedger ledger = startLedger();

  @LocalServerPort int port;

  private GatewayClient gateway;
  private static TestWallet alice;
  private static TestWallet bob;

  @DynamicPropertySource
  static void wire(DynamicPropertyRegistry registry) {
    registry.add("IDENTITY_URI", RealIdentity::uri);
    registry.add("LEDGER_URI", ledger::uri);
    registry.add("GATEWAY_IDENTITY_CACHE_TTL", () -> "1s");
  }

  @BeforeEach
  void setUp() throws Exception {
    gateway = new GatewayClient(port);
    if (alice == null) {
      alice = new TestWallet().signIn(gateway);
      bob = new TestWallet().signIn(gateway);
    }
    ledger.forgetReceived();
  }

  @AfterAll
  static void stopLedger() {
    ledger.close();
  }

  @Test
  void aWalletSessionReachesServicesAsAVerifiedInternalIdentity() throws Exception {
    HttpResponse<String> me = gateway.get("/v1/tenants/me", "Authorization", alice.bearer());
    assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    assertThat(GatewayClient.json(me).get("tenantId").asString()).isEqualTo(alice.tenantId);

    HttpResponse<String> routed = gateway.get("/v1/edges", "Authorization", alice.bearer());
    assertThat(routed.statusCode()).isEqualTo(201);
    InternalIdentity identity = forwardedIdentity();
    assertThat(identity.tenantId()).isEqualTo(alice.tenantId);
    assertThat(identity.subject()).isEqualTo(alice.address);
    assertThat(identity.authMethod()).isEqualTo("siwe");
    assertThat(identity.scopes())
        .contains("storage:write", "ledger:read")
        .doesNotContain("ledger:write");
  }

  @Test
  void anApiKeyActsForItsTenantWithItsScopesAndClientIdentityHeadersNeverPass() throws Exception {
    JsonNode key = alice.apiKey(gateway, List.of("storage:read", "ledger:read"));
    String forged = "eyJhbGciOiJFUzI1NiJ9.eyJ0ZW5hbnQiOiJldmlsIn0.c2ln";

    gateway.get("/v1/edges", "X-API-Key", key.get("key").asString(), "X-Platform-Identity", forged);
    InternalIdentity identity = forwardedIdentity();
    assertThat(identity.tenantId()).isEqualTo(alice.tenantId);
    assertThat(identity.authMethod()).isEqualTo("api-key");
    assertThat(identity.scopes()).containsExactlyInAnyOrder("storage:read", "ledger:read");

    // without a credential on an optional route the forged header is simply dropped
    gateway.get("/v1/edges", "X-Platform-Identity", forged);
    assertThat(ledger.nextReceived().headers().getFirst("X-Platform-Identity")).isNull();
  }

  @Test
  void aRevokedKeyStopsWorkingWithinSeconds() throws Exception {
    JsonNode key = alice.apiKey(gateway, List.of("identity:read"));
    String secret = key.get("key").asString();
    assertThat(gateway.get("/v1/tenants/me", "X-API-Key", secret).statusCode()).isEqualTo(200);

    HttpResponse<String> revoked =
        gateway.send(
            "DELETE",
            "/v1/api-keys/" + key.get("id").asString(),
            HttpRequest.BodyPublishers.noBody(),
            "Authorization",
            alice.bearer());
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);

    long revokedAt = System.nanoTime();
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> gateway.get("/v1/tenants/me", "X-API-Key", secret).statusCode() == 401);
    assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(3));
    assertGatewayProblem(
        gateway.get("/v1/tenants/me", "X-API-Key", secret), 401, PROBLEMS + "unauthenticated");
  }

  @Test
  void signingOutEndsTheSession() throws Exception {
    TestWallet carol = new TestWallet().signIn(gateway);
    HttpResponse<String> out =
        gateway.send(
            "POST",
            "/v1/auth/sign-out",
            HttpRequest.BodyPublishers.noBody(),
            "Authorization",
            carol.bearer());
    assertThat(out.statusCode()).as(out.body()).isEqualTo(204);
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                gateway.get("/v1/tenants/me", "Authorization", carol.bearer()).statusCode() == 401);
  }

  @Test
  void anotherTenantsCredentialsFindNothing() throws Exception {
    JsonNode aliceKey = alice.apiKey(gateway, List.of("identity:read"));
    String path = "/v1/api-keys/" + aliceKey.get("id").asString();

    assertThat(gateway.get(path, "Authorization", alice.bearer()).statusCode()).isEqualTo(200);
    HttpResponse<String> asBob = gateway.get(path, "Authorization", bob.bearer());
    assertThat(asBob.statusCode()).isEqualTo(404);
    assertThat(asBob.body()).doesNotContain(alice.tenantId);
    HttpResponse<String> deleteAsBob =
        gateway.send(
            "DELETE", path, HttpRequest.BodyPublishers.noBody(), "Authorization", bob.bearer());
    assertThat(deleteAsBob.statusCode()).isEqualTo(404);
    assertThat(gateway.get(path, "Authorization", alice.bearer()).statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer not-a-jwt",
        "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
        "Bearer a.b.c.d.e",
        "Basic YWxhZGRpbjpvcGVuc2VzYW1l",
        "Bearer aioz_unknown_key",
        "Digest username=x"
      })
  void badCredentialsAreCleanProblems(String authorization) throws Exception {
    HttpResponse<String> response = gateway.get("/v1/tenants/me", "Authorization", authorization);
    assertGatewayProblem(response, 401, PROBLEMS + "unauthenticated");
    assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(ledger.nextReceived()).isNull();
  }

  @Test
  void aPathThatNeedsACredentialSaysSoAndUnknownPathsAreProblemsToo() throws Exception {
    assertGatewayProblem(gateway.get("/v1/api-keys"), 401, PROBLEMS + "unauthenticated");
    assertGatewayProblem(
        gateway.get("/v1/api-keys", "Authorization", alice.bearer(), "X-API-Key", "aioz_x_y"),
        400,
        PROBLEMS + "ambiguous-credentials");
    assertGatewayProblem(gateway.get("/v1/nothing-here"), 404, PROBLEMS + "no-route");
  }

  @Test
  void theApiReferencePageListsTheServicesDocuments() throws Exception {
    HttpResponse<String> page = gateway.get("/docs");
    if (page.statusCode() == 302) {
      page = gateway.get(page.headers().firstValue("Location").orElseThrow());
    }
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).containsIgnoringCase("swagger");
    HttpResponse<String> config = gateway.get("/openapi/gateway/swagger-config");
    assertThat(config.body()).contains("/openapi/identity", "/openapi/webhooks", "/openapi/ledger");
    HttpResponse<String> identity = gateway.get("/openapi/identity");
    assertThat(identity.statusCode()).isEqualTo(200);
    assertThat(GatewayClient.json(identity).get("paths").has("/v1/api-keys")).isTrue();
  }

  @Test
  void everyAnswerAnnouncesTheRateLimits() throws Exception {
    HttpResponse<String> response = gateway.get("/v1/edges", "Authorization", alice.bearer());
    assertThat(response.headers().firstValue("RateLimit-Policy").orElseThrow())
        .contains("\"tenant\";q=")
        .contains("\"key\";q=");
    assertThat(response.headers().firstValue("RateLimit").orElseThrow())
        .matches("\"tenant\";r=\\d+;t=\\d+, \"key\";r=\\d+;t=\\d+");
  }

  @Test
  void edgesCountAgainstTheirOwnBucketNotTheirAddress() throws Exception {
    HttpResponse<String> response =
        gateway.get(
            "/v1/edges/0x00000000000000000000000000000000000000e1/tasks",
            "X-Edge-Address",
            "0x00000000000000000000000000000000000000E1");
    assertThat(response.headers().firstValue("RateLimit-Policy").orElseThrow())
        .startsWith("\"edge\";q=600;w=12");
    HttpResponse<String> anonymous = gateway.get("/v1/edges");
    assertThat(anonymous.headers().firstValue("RateLimit-Policy").orElseThrow())
        .startsWith("\"anonymous\"");
  }

  @Test
  void anIdempotentRetryReplaysTheFirstAnswerAndNeverReachesTheServiceTwice() throws Exception {
    String key = "order-" + System.nanoTime();
    HttpResponse<String> first = post("/v1/tasks", "{\"a\":1}", key, alice);
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(ledger.nextReceived()).isNotNull();

    HttpResponse<String> retry = post("/v1/tasks", "{\"a\":1}", key, alice);
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.headers().firstValue("Location"))
        .isEqualTo(first.headers().firstValue("Location"));
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(ledger.nextReceived()).isNull();

    // the same key with another payload is a client error, and runs nothing
    assertGatewayProblem(
        post("/v1/tasks", "{\"a\":2}", key, alice), 422, PROBLEMS + "idempotency-key-reused");
    // keys are per tenant: Bob's identical key is his own
    assertThat(post("/v1/tasks", "{\"a\":1}", key, bob).headers().firstValue("Idempotent-Replayed"))
        .isEmpty();
  }

  @Test
  void aDuplicateWhileTheFirstStillRunsIsAConflict() throws Exception {
    String key = "slow-" + System.nanoTime();
    CompletableFuture<HttpResponse<String>> first =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return post("/v1/tasks/t1" + FakeLedger.SLOW_SUFFIX, "{}", key, alice);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> ledger.nextReceived() != null);

    assertGatewayProblem(
        post("/v1/tasks/t1" + FakeLedger.SLOW_SUFFIX, "{}", key, alice),
        409,
        PROBLEMS + "idempotency-request-in-progress");

    assertThat(first.get().statusCode()).isEqualTo(200);
    HttpResponse<String> after = post("/v1/tasks/t1" + FakeLedger.SLOW_SUFFIX, "{}", key, alice);
    assertThat(after.body()).isEqualTo("late");
    assertThat(after.headers().firstValue("Idempotent-Replayed")).hasValue("true");
  }

  @Test
  void aResponseCarryingASecretIsNeverKeptForReplay() throws Exception {
    String key = "new-api-key-" + System.nanoTime();
    String body = "{\"name\":\"ci\",\"scopes\":[\"storage:read\"]}";
    HttpResponse<String> first = post("/v1/api-keys", body, key, alice);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(first.headers().firstValue("Cache-Control"))
        .hasValueSatisfying(v -> assertThat(v).contains("no-store"));

    HttpResponse<String> retry = post("/v1/api-keys", body, key, alice);
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(GatewayClient.json(retry).get("id").asString())
        .isNotEqualTo(GatewayClient.json(first).get("id").asString());
  }

  @Test
  void malformedIdempotencyKeysAndAnonymousOnesAreRefused() throws Exception {
    assertGatewayProblem(
        post("/v1/tasks", "{}", "has space", alice), 400, PROBLEMS + "invalid-idempotency-key");
    HttpResponse<String> anonymous =
        gateway.send(
            "POST",
            "/v1/tasks",
            HttpRequest.BodyPublishers.ofString("{}"),
            "Idempotency-Key",
            "k1");
    assertGatewayProblem(anonymous, 400, PROBLEMS + "idempotency-key-needs-credential");
  }

  private HttpResponse<String> post(String path, String body, String key, TestWallet who)
      throws Exception {
    return gateway.send(
        "POST",
        path,
        HttpRequest.BodyPublishers.ofString(body),
        "Content-Type",
        "application/json",
        "Idempotency-Key",
        key,
        "Authorization",
        who.bearer());
  }

  private static InternalIdentity forwardedIdentity() throws Exception {
    FakeLedger.Received received = ledger.nextReceived();
    assertThat(received).isNotNull();
    return GatewayTestInfra.verifier().verify(received.headers().getFirst("X-Platform-Identity"));
  }

  private static FakeLedger startLedger() {
    try {
      return new FakeLedger();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
