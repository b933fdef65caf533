package network.aioz.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import network.aioz.infra.NodeScripts;
import network.aioz.localstack.Endpoints;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's front door on the running stack: wallets sign in with the reference EIP-4361
 * library, S3 keys from identity-service work with the AWS SDK until revoked, and one tenant's
 * credentials never reach another tenant's resources on any route.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrontDoorEndToEndTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Endpoints endpoints;
  private Endpoints.Tenant dev;
  private Endpoints.Tenant dev2;

  @BeforeAll
  void connect() {
    endpoints = E2eStack.get().endpoints();
    dev = endpoints.credentials().tenants().get(0);
    dev2 = endpoints.credentials().tenants().get(1);
  }

  @Test
  void aWalletSignsInWithTheReferenceSiweLibraryAndEveryForgeryIsRefused() {
    String gateway = endpoints.gateway();
    NodeScripts.Result result =
        NodeScripts.run(
            Path.of("siwe-check"),
            "signin.mjs",
            List.of(gateway, URI.create(gateway).getAuthority(), gateway, "31337"),
            Duration.ofMinutes(2));
    assertThat(result.exitCode()).as(result.output()).isZero();
    String lastLine = result.output().strip().lines().reduce((a, b) -> b).orElseThrow();
    JsonNode cases = JSON.readTree(lastLine);

    assertThat(cases.at("/success/status").asInt()).isEqualTo(200);
    assertThat(cases.at("/success/address").asString())
        .isEqualTo(cases.at("/success/wallet").asString());
    assertThat(cases.at("/session/status").asInt()).isEqualTo(200);
    assertThat(cases.at("/session/tenantId").asString())
        .isEqualTo(cases.at("/success/tenantId").asString());
    for (String forgery :
        List.of("replayedNonce", "expired", "wrongDomain", "wrongChain", "tampered")) {
      assertThat(cases.get(forgery).get("status").asInt()).as(forgery).isEqualTo(401);
      assertThat(cases.get(forgery).get("type").asString())
          .as(forgery)
          .startsWith("application/problem+json");
    }
  }

  @Test
  void anS3KeyFromIdentityWorksWithTheAwsSdkUntilItIsRevoked() throws Exception {
    JsonNode key = call("POST", "/v1/s3-keys", "{\"name\":\"e2e\"}", dev.apiKey(), 201);
    String accessKeyId = key.get("accessKeyId").asString();
    try (S3Client s3 =
        S3Client.builder()
            .endpointOverride(URI.create(endpoints.gateway()))
            .region(Region.of(endpoints.credentials().s3().region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(accessKeyId, key.get("secretAccessKey").asString())))
            .forcePathStyle(true)
            .build()) {
      s3.createBucket(b -> b.bucket("front-door-e2e"));
      assertThat(s3.listBuckets().buckets()).anyMatch(b -> b.name().equals("front-door-e2e"));

      call("DELETE", "/v1/s3-keys/" + accessKeyId, null, dev.apiKey(), 204);
      long revokedAt = System.nanoTime();
      Awaitility.await()
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> refused(s3));
      assertThat(Duration.ofNanos(System.nanoTime() - revokedAt))
          .as("revocation takes effect within seconds")
          .isLessThan(Duration.ofSeconds(8));
    }
  }

  @Test
  void anotherTenantsCredentialsNeverReachItsResources() throws Exception {
    String apiKeyId =
        call(
                "POST",
                "/v1/api-keys",
                "{\"name\":\"mine\",\"scopes\":[\"storage:read\"]}",
                dev.apiKey(),
                201)
            .get("id")
            .asString();
    String accessKeyId =
        call("POST", "/v1/s3-keys", "{\"name\":\"mine\"}", dev.apiKey(), 201)
            .get("accessKeyId")
            .asString();
    String endpointId =
        call(
                "POST",
                "/v1/webhooks/endpoints",
                "{\"url\":\"http://127.0.0.1:9/hook\",\"eventTypes\":[\"storage.object.created\"]}",
                dev.apiKey(),
                201)
            .get("id")
            .asString();

    List<String[]> attempts = new ArrayList<>();
    attempts.add(new String[] {"GET", "/v1/api-keys/" + apiKeyId, null});
    attempts.add(new String[] {"DELETE", "/v1/api-keys/" + apiKeyId, null});
    attempts.add(new String[] {"DELETE", "/v1/s3-keys/" + accessKeyId, null});
    attempts.add(new String[] {"GET", "/v1/webhooks/endpoints/" + endpointId, null});
    attempts.add(new String[] {"GET", "/v1/webhooks/endpoints/" + endpointId + "/secret", null});
    attempts.add(
        new String[] {"PATCH", "/v1/webhooks/endpoints/" + endpointId, "{\"enabled\":false}"});
    attempts.add(
        new String[] {"POST", "/v1/webhooks/endpoints/" + endpointId + "/secret/rotate", "{}"});
    attempts.add(new String[] {"GET", "/v1/webhooks/endpoints/" + endpointId + "/messages", null});
    attempts.add(new String[] {"GET", "/v1/webhooks/endpoints/" + endpointId + "/attempts", null});
    attempts.add(new String[] {"POST", "/v1/webhooks/endpoints/" + endpointId + "/test", "{}"});
    attempts.add(new String[] {"DELETE", "/v1/webhooks/endpoints/" + endpointId, null});
    for (String[] attempt : attempts) {
      HttpResponse<String> response = send(attempt[0], attempt[1], attempt[2], dev2.apiKey());
      assertThat(response.statusCode())
          .as("%s %s with the other tenant's key: %s", attempt[0], attempt[1], response.body())
          .isIn(403, 404);
      assertThat(response.body()).doesNotContain(dev.tenantId()).doesNotContain("whsec_");
    }
    for (String list : List.of("/v1/api-keys", "/v1/s3-keys", "/v1/webhooks/endpoints")) {
      HttpResponse<String> response = send("GET", list, null, dev2.apiKey());
      assertThat(response.statusCode()).as(list).isEqualTo(200);
      assertThat(response.body())
          .doesNotContain(apiKeyId)
          .doesNotContain(accessKeyId)
          .doesNotContain(endpointId);
    }
    // and everything of the owner is still there
    call("GET", "/v1/api-keys/" + apiKeyId, null, dev.apiKey(), 200);
    call("GET", "/v1/webhooks/endpoints/" + endpointId, null, dev.apiKey(), 200);
  }

  @Test
  void storingAnObjectFiresASignedWebhookToTheTenantsEndpoint() throws Exception {
    java.util.concurrent.BlockingQueue<Delivery> received =
        new java.util.concurrent.LinkedBlockingQueue<>();
    com.sun.net.httpserver.HttpServer receiver =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          received.add(
              new Delivery(
                  exchange.getRequestHeaders().getFirst("webhook-id"),
                  exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                  exchange.getRequestHeaders().getFirst("webhook-signature"),
                  new String(body, java.nio.charset.StandardCharsets.UTF_8)));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    try {
      String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
      String secret =
          call(
                  "POST",
                  "/v1/webhooks/endpoints",
                  "{\"url\":\"" + url + "\",\"eventTypes\":[\"storage.object.created\"]}",
                  dev.apiKey(),
                  201)
              .get("secret")
              .asString();
      Endpoints.S3Key key = endpoints.credentials().s3().keys().getFirst();
      try (S3Client s3 =
          S3Client.builder()
              .endpointOverride(URI.create(endpoints.gateway()))
              .region(Region.of(endpoints.credentials().s3().region()))
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
              .forcePathStyle(true)
              .build()) {
        s3.createBucket(b -> b.bucket("hooked"));
        s3.putObject(
            b -> b.bucket("hooked").key("report.csv"),
            software.amazon.awssdk.core.sync.RequestBody.fromString("a,b\n1,2\n"));
      }

      Delivery delivery = received.poll(60, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(delivery).as("a delivery within a minute").isNotNull();
      assertThat(delivery.id()).startsWith("msg_");
      assertThat(Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(delivery.timestamp())))
          .isLessThan(300);
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              java.util.Base64.getDecoder().decode(secret.substring("whsec_".length())),
              "HmacSHA256"));
      String expected =
          "v1,"
              + java.util.Base64.getEncoder()
                  .encodeToString(
                      mac.doFinal(
                          (delivery.id() + "." + delivery.timestamp() + "." + delivery.body())
                              .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      assertThat(delivery.signature().split(" ")).contains(expected);
      JsonNode payload = JSON.readTree(delivery.body());
      assertThat(payload.get("type").asString()).isEqualTo("storage.object.created");
      assertThat(payload.at("/data/tenantId").asString()).isEqualTo(dev.tenantId());
      assertThat(payload.at("/data/bucket").asString()).isEqualTo("hooked");
      assertThat(payload.at("/data/key").asString()).isEqualTo("report.csv");
    } finally {
      receiver.stop(0);
    }
  }

  private record Delivery(String id, String timestamp, String signature, String body) {}

  @Test
  void theApiReferenceShowsEveryServicesDocument() throws Exception {
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create(endpoints.gateway() + "/docs")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isIn(200, 302);
    for (String service : List.of("identity", "webhooks", "ledger", "proof")) {
      HttpResponse<String> document =
          http.send(
              HttpRequest.newBuilder(URI.create(endpoints.gateway() + "/openapi/" + service))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(document.statusCode()).as(service).isEqualTo(200);
      assertThat(JSON.readTree(document.body()).get("openapi").asString()).startsWith("3.");
      assertThat(JSON.readTree(document.body()).get("paths").size()).as(service).isPositive();
    }
  }

  private static boolean refused(S3Client s3) {
    try {
      s3.listBuckets();
      return false;
    } catch (S3Exception e) {
      return e.statusCode() == 403;
    }
  }

  private JsonNode call(String method, String path, String body, String apiKey, int expected)
      throws Exception {
    HttpResponse<String> response = send(method, path, body, apiKey);
    assertThat(response.statusCode())
        .as("%s %s: %s", method, path, response.body())
        .isEqualTo(expected);
    return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
  }

  private HttpResponse<String> send(String method, String path, String body, String apiKey)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(endpoints.gateway() + path))
            .timeout(Duration.ofSeconds(20))
            .header("X-API-Key", apiKey)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
