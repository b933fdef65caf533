package network.aioz.webhook;

import static network.aioz.webhook.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import network.aioz.infra.SharedInfra;
import network.aioz.shared.event.KafkaCloudEvents;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@WebhookIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryIntegrationTests {

  private static final String CREATED = "network.aioz.storage.ObjectCreated";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  private Api api;
  private Receiver receiver;
  private KafkaProducer<String, byte[]> producer;
  private String tenant;
  private String token;

  @BeforeAll
  void start() {
    receiver = new Receiver();
    producer = SharedInfra.eventProducer();
  }

  @AfterAll
  void stop() {
    receiver.close();
    producer.close();
  }

  @BeforeEach
  void setUp() {
    api = new Api(port);
    tenant = "tenant-" + UUID.randomUUID();
    token = WebhookTestInfra.token(tenant, "webhooks:read", "webhooks:write");
  }

  /** Registers an endpoint at the receiver; returns its id and secret. */
  private String[] endpoint(String path, String... types) {
    Api.Answer created =
        api.post(
            "/v1/webhooks/endpoints",
            token,
            json(Map.of("url", receiver.url(path), "eventTypes", List.of(types))));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return new String[] {created.text("id"), created.text("secret")};
  }

  private void publish(String topic, String eventId, String type, String key, Object data) {
    CloudEvent event =
        KafkaCloudEvents.event(
            eventId,
            URI.create("urn:aioz:storage-service"),
            type,
            key,
            OffsetDateTime.now(ZoneOffset.UTC),
            Api.JSON.writeValueAsBytes(data));
    producer.send(KafkaCloudEvents.toRecord(topic, event));
    producer.flush();
  }

  private List<Receiver.Request> awaitRequests(String path, int count) {
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests(path).size() >= count);
    return receiver.requests(path);
  }

  private JsonNode messages(String endpointId) {
    return api.get("/v1/webhooks/endpoints/" + endpointId + "/messages", token)
        .body()
        .path("items");
  }

  private JsonNode attempts(String endpointId) {
    return api.get("/v1/webhooks/endpoints/" + endpointId + "/attempts", token)
        .body()
        .path("items");
  }

  @Test
  void deliversAPlatformEventOnceSignedPerTheSpec() {
    String path = "/e2e-" + UUID.randomUUID();
    String[] endpoint = endpoint(path, "storage.object.created");
    String objectId = UUID.randomUUID().toString();
    String eventId = UUID.randomUUID().toString();
    Map<String, Object> data =
        Map.of("tenantId", tenant, "objectId", objectId, "bucket", "photos", "key", "a.jpg");

    publish("storage.object", eventId, CREATED, objectId, data);
    // the same event again (the relay delivers at least once), events the tenant is not told
    // about, and a later event on the same partition that shows the earlier ones were consumed
    publish("storage.object", eventId, CREATED, objectId, data);
    publish(
        "storage.object",
        UUID.randomUUID().toString(),
        "network.aioz.storage.ObjectRepaired",
        objectId,
        data);
    publish(
        "storage.object",
        UUID.randomUUID().toString(),
        CREATED,
        objectId,
        Map.of("objectId", objectId));
    String laterId = UUID.randomUUID().toString();
    publish(
        "storage.object",
        laterId,
        CREATED,
        objectId,
        Map.of("tenantId", tenant, "objectId", "later"));

    List<Receiver.Request> received = awaitRequests(path, 2);
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(3))
        .until(() -> receiver.requests(path).size() == 2);
    Receiver.Request first = received.getFirst();
    assertThat(received)
        .extracting(r -> r.header("webhook-id"))
        .containsExactlyInAnyOrder("msg_" + eventId, "msg_" + laterId);
    Receiver.Request delivered =
        received.stream()
            .filter(r -> r.header("webhook-id").equals("msg_" + eventId))
            .findFirst()
            .orElseThrow();
    assertThat(delivered.header("content-type")).startsWith("application/json");
    assertThat(delivered.header("user-agent")).startsWith("aioz-webhooks/");
    long timestamp = Long.parseLong(delivered.header("webhook-timestamp"));
    assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThan(30);
    JsonNode body = Api.JSON.readTree(delivered.bodyText());
    assertThat(body.path("type").asString()).isEqualTo("storage.object.created");
    assertThat(OffsetDateTime.parse(body.path("timestamp").asString())).isNotNull();
    assertThat(body.path("data").path("objectId").asString()).isEqualTo(objectId);
    assertThat(body.path("data").path("tenantId").asString()).isEqualTo(tenant);

    SignatureCheck.assertOutcomes(
        List.of(
            SignatureCheck.Case.of("e2e delivery", endpoint[1], delivered, true),
            SignatureCheck.Case.of("later delivery", endpoint[1], first, true),
            SignatureCheck.Case.of(
                "wrong secret",
                "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]),
                delivered,
                false),
            new SignatureCheck.Case(
                "tampered body",
                endpoint[1],
                delivered.bodyText().replace("photos", "fotos"),
                Map.of(
                    "webhook-id", delivered.header("webhook-id"),
                    "webhook-timestamp", delivered.header("webhook-timestamp"),
                    "webhook-signature", delivered.header("webhook-signature")),
                false)));

    await()
        .untilAsserted(
            () ->
                assertThat(messages(endpoint[0]))
                    .allSatisfy(
                        m -> assertThat(m.path("status").asString()).isEqualTo("succeeded")));
    assertThat(messages(endpoint[0])).hasSize(2);
  }

  @Test
  void billingStandingEventsReachSubscribersUnderTheirPublicTypes() {
    String path = "/funds-" + UUID.randomUUID();
    endpoint(path, "funds.exhausted", "funds.restored", "balance.low");
    String at = Instant.now().toString();
    publish(
        "billing.account",
        UUID.randomUUID().toString(),
        "network.aioz.billing.FundsExhausted",
        tenant,
        Map.of("tenantId", tenant, "available", "0", "outstanding", "5", "at", at));
    publish(
        "billing.account",
        UUID.randomUUID().toString(),
        "network.aioz.billing.BalanceLow",
        tenant,
        Map.of("tenantId", tenant, "available", "7", "threshold", "10", "at", at));
    publish(
        "billing.account",
        UUID.randomUUID().toString(),
        "network.aioz.billing.FundsRestored",
        tenant,
        Map.of("tenantId", tenant, "available", "1000", "at", at));

    List<Receiver.Request> received = awaitRequests(path, 3);
    assertThat(received)
        .extracting(r -> Api.JSON.readTree(r.bodyText()).path("type").asString())
        .containsExactlyInAnyOrder("funds.exhausted", "balance.low", "funds.restored");
    assertThat(received)
        .extracting(r -> Api.JSON.readTree(r.bodyText()).path("data").path("tenantId").asString())
        .containsOnly(tenant);
  }

  @Test
  void signsWithBothSecretsDuringARotation() {
    String path = "/rotate-" + UUID.randomUUID();
    String[] endpoint = endpoint(path, "webhook.test");
    String newSecret =
        api.post("/v1/webhooks/endpoints/" + endpoint[0] + "/secret/rotate", token, null)
            .text("secret");
    assertThat(api.post("/v1/webhooks/endpoints/" + endpoint[0] + "/test", token, null).status())
        .isEqualTo(202);
    Receiver.Request delivered = awaitRequests(path, 1).getFirst();
    assertThat(delivered.header("webhook-signature").split(" "))
        .hasSize(2)
        .allMatch(s -> s.startsWith("v1,"));
    assertThat(Api.JSON.readTree(delivered.bodyText()).path("type").asString())
        .isEqualTo("webhook.test");
    SignatureCheck.assertOutcomes(
        List.of(
            SignatureCheck.Case.of("new secret", newSecret, delivered, true),
            SignatureCheck.Case.of("previous secret", endpoint[1], delivered, true)));
  }

  @Test
  void retriesAFlakyEndpointOnTheSchedule() {
    String path = "/flaky-" + UUID.randomUUID();
    receiver.script(
        path,
        Receiver.Answer.status(500).withBody("boom"),
        Receiver.Answer.status(503),
        Receiver.Answer.status(200).withBody("thanks"));
    String[] endpoint = endpoint(path, "webhook.test");
    String messageId =
        api.post("/v1/webhooks/endpoints/" + endpoint[0] + "/test", token, null).text("messageId");

    List<Receiver.Request> attempts = awaitRequests(path, 3);
    await()
        .during(Duration.ofMillis(800))
        .atMost(Duration.ofSeconds(3))
        .until(() -> receiver.requests(path).size() == 3);
    assertThat(attempts).extracting(r -> r.header("webhook-id")).containsOnly(messageId);
    for (int i = 1; i < attempts.size(); i++) {
      // 300 ms less at most 20 % jitter
      assertThat(Duration.between(attempts.get(i - 1).at(), attempts.get(i).at()))
          .isGreaterThanOrEqualTo(Duration.ofMillis(230));
    }
    await()
        .untilAsserted(
            () -> {
              JsonNode message = messages(endpoint[0]).get(0);
              assertThat(message.path("status").asString()).isEqualTo("succeeded");
              assertThat(message.path("attempts").asInt()).isEqualTo(3);
              assertThat(message.path("lastStatusCode").asInt()).isEqualTo(200);
            });
    JsonNode log = attempts(endpoint[0]);
    assertThat(log.valueStream().map(a -> a.path("statusCode").asInt()).toList())
        .containsExactly(200, 503, 500);
    assertThat(log.valueStream().map(a -> a.path("attempt").asInt()).toList())
        .containsExactly(3, 2, 1);
    assertThat(log.get(2).path("response").asString()).isEqualTo("boom");
    assertThat(log.get(0).path("response").asString()).isEqualTo("thanks");
    assertThat(log.get(0).path("durationMs").isNumber()).isTrue();
    assertThat(log.get(0).path("attemptedAt").asString()).isNotBlank();
  }

  @Test
  void honoursRetryAfter() {
    String path = "/busy-" + UUID.randomUUID();
    receiver.script(
        path,
        Receiver.Answer.status(429).withHeader("Retry-After", "2"),
        Receiver.Answer.status(200));
    String[] endpoint = endpoint(path, "webhook.test");
    api.post("/v1/webhooks/endpoints/" + endpoint[0] + "/test", token, null);
    List<Receiver.Request> attempts = awaitRequests(path, 2);
    assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
  }

  @Test
  void givesUpAfterTheScheduleAndReplaysOnRequest() {
    String path = "/down-" + UUID.randomUUID();
    receiver.script(path, Receiver.Answer.status(500).withBody("x".repeat(5000)));
    String[] endpoint = endpoint(path, "webhook.test");
    String messageId =
        api.post("/v1/webhooks/endpoints/" + endpoint[0] + "/test", token, null).text("messageId");

    awaitRequests(path, 4);
    await()
        .untilAsserted(
            () ->
                assertThat(messages(endpoint[0]).get(0).path("status").asString())
                    .isEqualTo("failed"));
    JsonNode message = messages(endpoint[0]).get(0);
    assertThat(message.path("attempts").asInt()).isEqualTo(4);
    assertThat(message.path("nextAttemptAt").isNull()).isTrue();
    assertThat(receiver.requests(path)).hasSize(4);
    assertThat(attempts(endpoint[0]).get(0).path("response").asString()).hasSize(1024);

    // the delivery log pages newest first
    JsonNode page1 =
        api.get("/v1/webhooks/endpoints/" + endpoint[0] + "/attempts?limit=3", token).body();
    assertThat(page1.path("items")).hasSize(3);
    JsonNode page2 =
        api.get(
                "/v1/webhooks/endpoints/"
                    + endpoint[0]
                    + "/attempts?limit=3&cursor="
                    + page1.path("nextCursor").asString(),
                token)
            .body();
    assertThat(page2.path("items")).hasSize(1);
    assertThat(page2.path("items").get(0).path("attempt").asInt()).isEqualTo(1);
    assertThat(page2.path("nextCursor").isNull()).isTrue();

    receiver.script(path, Receiver.Answer.status(204));
    Api.Answer replay =
        api.post(
            "/v1/webhooks/endpoints/" + endpoint[0] + "/messages/" + messageId + "/replay",
            token,
            null);
    assertThat(replay.status()).isEqualTo(202);
    List<Receiver.Request> all = awaitRequests(path, 5);
    assertThat(all.get(4).header("webhook-id")).isEqualTo(messageId);
    await()
        .untilAsserted(
            () ->
                assertThat(messages(endpoint[0]).get(0).path("status").asString())
                    .isEqualTo("succeeded"));
    assertThat(
            api.post(
                    "/v1/webhooks/endpoints/" + endpoint[0] + "/messages/msg_unknown/replay",
                    token,
                    null)
                .status())
        .isEqualTo(404);
  }

  @Test
  void goneDisablesTheEndpoint() {
    String path = "/gone-" + UUID.randomUUID();
    receiver.script(path, Receiver.Answer.status(410));
    String[] endpoint = endpoint(path, "webhook.test");
    api.post("/v1/webhooks/endpoints/" + endpoint[0] + "/test", token, null);
    awaitRequests(path, 1);
    await()
        .untilAsserted(
            () -> {
              JsonNode e = api.get("/v1/webhooks/endpoints/" + endpoint[0], token).body();
              assertThat(e.path("enabled").asBoolean()).isFalse();
              assertThat(e.path("disabledReason").asString()).isEqualTo("gone");
            });
    await()
        .during(Duration.ofMillis(700))
        .atMost(Duration.ofSeconds(2))
        .until(() -> receiver.requests(path).size() == 1);
    assertThat(messages(endpoint[0]).get(0).path("status").asString()).isEqualTo("failed");
    assertThat(api.post("/v1/webhooks/endpoints/" + endpoint[0] + "/test", token, null).status())
        .isEqualTo(409);
  }

  @Test
  void disablesAnEndpointThatFailedForDaysAndTellsTheTenant() {
    String failingPath = "/failing-" + UUID.randomUUID();
    String watcherPath = "/watcher-" + UUID.randomUUID();
    receiver.script(failingPath, Receiver.Answer.status(500));
    String[] failing = endpoint(failingPath, "webhook.test");
    endpoint(watcherPath, "webhook.endpoint.disabled");
    // the endpoint has only failed for six days (the clock a real outage would have moved)
    jdbc.update(
        "update webhook_endpoint set failing_since = now() - interval '6 days' where id = ?::uuid",
        failing[0]);

    api.post("/v1/webhooks/endpoints/" + failing[0] + "/test", token, null);
    Receiver.Request notice = awaitRequests(watcherPath, 1).getFirst();
    JsonNode body = Api.JSON.readTree(notice.bodyText());
    assertThat(body.path("type").asString()).isEqualTo("webhook.endpoint.disabled");
    assertThat(body.path("data").path("endpointId").asString()).isEqualTo(failing[0]);
    assertThat(body.path("data").path("reason").asString()).isEqualTo("failing");
    JsonNode e = api.get("/v1/webhooks/endpoints/" + failing[0], token).body();
    assertThat(e.path("enabled").asBoolean()).isFalse();
    assertThat(e.path("disabledReason").asString()).isEqualTo("failing");
    assertThat(receiver.requests(failingPath)).hasSize(1);
  }

  @Test
  void aFreshFailureDoesNotDisable() {
    String path = "/blip-" + UUID.randomUUID();
    receiver.script(path, Receiver.Answer.status(500), Receiver.Answer.status(200));
    String[] endpoint = endpoint(path, "webhook.test");
    api.post("/v1/webhooks/endpoints/" + endpoint[0] + "/test", token, null);
    awaitRequests(path, 2);
    await()
        .untilAsserted(
            () ->
                assertThat(messages(endpoint[0]).get(0).path("status").asString())
                    .isEqualTo("succeeded"));
    assertThat(
            api.get("/v1/webhooks/endpoints/" + endpoint[0], token)
                .body()
                .path("enabled")
                .asBoolean())
        .isTrue();
    assertThat(
            jdbc.queryForObject(
                "select failing_since from webhook_endpoint where id = ?::uuid",
                Object.class,
                endpoint[0]))
        .isNull();
  }

  @Test
  void doesNotFollowRedirects() {
    String path = "/moved-" + UUID.randomUUID();
    String target = "/target-" + UUID.randomUUID();
    receiver.script(path, Receiver.Answer.status(302).withHeader("Location", receiver.url(target)));
    String[] endpoint = endpoint(path, "webhook.test");
    api.post("/v1/webhooks/endpoints/" + endpoint[0] + "/test", token, null);
    awaitRequests(path, 1);
    await().untilAsserted(() -> assertThat(attempts(endpoint[0])).isNotEmpty());
    assertThat(attempts(endpoint[0]).get(0).path("statusCode").asInt()).isEqualTo(302);
    assertThat(messages(endpoint[0]).get(0).path("status").asString()).isIn("pending", "failed");
    assertThat(receiver.requests(target)).isEmpty();
  }

  @Test
  void refusesAnAddressThatChangedAfterRegistration() {
    // DNS rebinding: the name was public when registered and points inside when delivered to
    String host = "rebind-" + UUID.randomUUID() + ".test";
    TestDns.answer(host, "93.184.216.34");
    Api.Answer created =
        api.post(
            "/v1/webhooks/endpoints",
            token,
            json(
                Map.of(
                    "url",
                    "http://" + host + ":" + receiver.port() + "/hook",
                    "eventTypes",
                    List.of("webhook.test"))));
    assertThat(created.status()).isEqualTo(201);
    String id = created.text("id");
    for (String inside : List.of("10.0.0.1", "169.254.169.254")) {
      TestDns.answer(host, inside);
      api.post("/v1/webhooks/endpoints/" + id + "/test", token, null);
    }
    await().untilAsserted(() -> assertThat(attempts(id)).hasSizeGreaterThanOrEqualTo(2));
    assertThat(attempts(id).valueStream().map(a -> a.path("error").asString()).toList())
        .containsOnly("unsafe-address");
    assertThat(attempts(id).get(0).path("statusCode").isNull()).isTrue();
  }
}
