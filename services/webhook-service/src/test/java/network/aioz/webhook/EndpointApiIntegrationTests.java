package network.aioz.webhook;

import static network.aioz.webhook.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

@WebhookIntegrationTest
class EndpointApiIntegrationTests {

  @LocalServerPort int port;
  private Api api;
  private String tenant;
  private String writer;
  private String reader;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    tenant = "tenant-" + UUID.randomUUID();
    writer = WebhookTestInfra.token(tenant, "webhooks:read", "webhooks:write");
    reader = WebhookTestInfra.token(tenant, "webhooks:read");
  }

  private Api.Answer create(String url, List<String> types) {
    return api.post(
        "/v1/webhooks/endpoints", writer, json(Map.of("url", url, "eventTypes", types)));
  }

  @Test
  void registersListsChangesAndDeletesAnEndpoint() {
    Api.Answer created =
        api.post(
            "/v1/webhooks/endpoints",
            writer,
            json(
                Map.of(
                    "url", "http://127.0.0.1:9/hook",
                    "eventTypes", List.of("storage.object.created", "webhook.test"),
                    "description", "orders")));
    assertThat(created.status()).isEqualTo(201);
    String id = created.text("id");
    assertThat(created.text("url")).isEqualTo("http://127.0.0.1:9/hook");
    assertThat(created.body().path("enabled").asBoolean()).isTrue();
    assertThat(created.text("createdAt")).isNotBlank();
    String secret = created.text("secret");
    assertThat(secret).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSizeBetween(24, 32);

    Api.Answer listed = api.get("/v1/webhooks/endpoints", reader);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body().path("items")).hasSize(1);
    assertThat(listed.body().path("items").get(0).has("secret")).isFalse();

    Api.Answer patched =
        api.send(
            "PATCH",
            "/v1/webhooks/endpoints/" + id,
            writer,
            json(Map.of("eventTypes", List.of("storage.object.deleted"), "enabled", false)));
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.body().path("eventTypes").get(0).asString())
        .isEqualTo("storage.object.deleted");
    assertThat(patched.body().path("enabled").asBoolean()).isFalse();
    assertThat(patched.text("description")).isEqualTo("orders");

    Api.Answer got = api.get("/v1/webhooks/endpoints/" + id, reader);
    assertThat(got.text("disabledReason")).isEqualTo("disabled");

    assertThat(api.send("DELETE", "/v1/webhooks/endpoints/" + id, writer, null).status())
        .isEqualTo(204);
    assertThat(api.get("/v1/webhooks/endpoints/" + id, reader).status()).isEqualTo(404);
  }

  @Test
  void rotatesTheSecret() {
    String id = create("http://127.0.0.1:9/hook", List.of("webhook.test")).text("id");
    String first = api.get("/v1/webhooks/endpoints/" + id + "/secret", writer).text("secret");
    Api.Answer rotated = api.post("/v1/webhooks/endpoints/" + id + "/secret/rotate", writer, null);
    assertThat(rotated.status()).isEqualTo(200);
    assertThat(rotated.text("secret")).startsWith("whsec_").isNotEqualTo(first);
    assertThat(api.get("/v1/webhooks/endpoints/" + id + "/secret", writer).text("secret"))
        .isEqualTo(rotated.text("secret"));
  }

  @Test
  void requiresTheIdentityTokenAndItsScopes() {
    Api.Answer anonymous = api.get("/v1/webhooks/endpoints", null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.contentType()).startsWith("application/problem+json");
    Api.Answer readOnly =
        api.post(
            "/v1/webhooks/endpoints",
            reader,
            json(Map.of("url", "http://127.0.0.1:9/", "eventTypes", List.of("webhook.test"))));
    assertThat(readOnly.status()).isEqualTo(403);
    assertThat(api.get("/v1/webhooks/endpoints", WebhookTestInfra.token(tenant)).status())
        .isEqualTo(403);
  }

  @Test
  void anotherTenantsEndpointIsNotFound() {
    String id = create("http://127.0.0.1:9/hook", List.of("webhook.test")).text("id");
    String other =
        WebhookTestInfra.token("other-" + UUID.randomUUID(), "webhooks:read", "webhooks:write");
    String base = "/v1/webhooks/endpoints/" + id;
    List<Api.Answer> answers =
        List.of(
            api.get(base, other),
            api.get(base + "/secret", other),
            api.post(base + "/secret/rotate", other, null),
            api.send("PATCH", base, other, json(Map.of("enabled", false))),
            api.send("DELETE", base, other, null),
            api.post(base + "/test", other, null),
            api.get(base + "/messages", other),
            api.get(base + "/attempts", other),
            api.post(base + "/messages/msg_x/replay", other, null));
    for (Api.Answer answer : answers) {
      assertThat(answer.status()).isEqualTo(404);
      assertThat(answer.contentType()).startsWith("application/problem+json");
      assertThat(answer.body().toString()).doesNotContain("127.0.0.1").doesNotContain("whsec_");
    }
    assertThat(api.get("/v1/webhooks/endpoints", other).body().path("items")).isEmpty();
    assertThat(api.get(base, reader).status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not a url",
        "/relative/path",
        "ftp://127.0.0.1/hook",
        "http://user:pass@127.0.0.1/hook",
        "http://",
        "javascript:alert(1)",
        "http://127.0.0.1:9/hook#fragment"
      })
  void refusesBadUrls(String url) {
    Api.Answer answer = create(url, List.of("webhook.test"));
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.text("type")).endsWith("/invalid-url");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://10.0.0.1/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[fd00:ec2::254]/",
        "http://192.168.1.1/",
        "http://[::ffff:10.0.0.1]/",
        "http://100.64.0.1/",
        "http://0.0.0.0:8080/"
      })
  void refusesUnsafeAddressesAtRegistration(String url) {
    Api.Answer answer = create(url, List.of("webhook.test"));
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.text("type")).endsWith("/unsafe-url");
  }

  @Test
  void refusesAPrivateAddressBehindAName() {
    TestDns.answer("intranet.test", "10.1.2.3");
    Api.Answer answer = create("http://intranet.test/hook", List.of("webhook.test"));
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.text("detail")).contains("private");
  }

  @Test
  void refusesUnknownEventTypesAndGarbage() {
    Api.Answer unknown = create("http://127.0.0.1:9/", List.of("storage.object.exploded"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.text("type")).endsWith("/unknown-event-type");
    assertThat(unknown.body().path("unknown").get(0).asString())
        .isEqualTo("storage.object.exploded");
    assertThat(create("http://127.0.0.1:9/", List.of()).status()).isEqualTo(400);

    for (String garbage :
        List.of("{not json", "[]", "{\"url\": 5, \"eventTypes\": \"x\"}", "", "null")) {
      Api.Answer answer = api.post("/v1/webhooks/endpoints", writer, garbage);
      assertThat(answer.status()).as(garbage).isEqualTo(400);
      assertThat(answer.contentType()).as(garbage).startsWith("application/problem+json");
    }
    assertThat(api.get("/v1/webhooks/endpoints/not-a-uuid", reader).status()).isEqualTo(404);
    String id = create("http://127.0.0.1:9/", List.of("webhook.test")).text("id");
    assertThat(api.get("/v1/webhooks/endpoints/" + id + "/attempts?limit=0", reader).status())
        .isEqualTo(400);
    assertThat(api.get("/v1/webhooks/endpoints/" + id + "/attempts?cursor=zz", reader).status())
        .isEqualTo(400);
    assertThat(api.get("/v1/webhooks/endpoints/" + id + "/attempts?limit=abc", reader).status())
        .isEqualTo(400);
  }

  @Test
  void listsTheKnownEventTypes() {
    Api.Answer types = api.get("/v1/webhooks/event-types", reader);
    assertThat(types.body().path("items").valueStream().map(n -> n.asString()).toList())
        .contains(
            "storage.object.created",
            "storage.object.deleted",
            "identity.api_key.created",
            "webhook.endpoint.disabled",
            "balance.low",
            "payment.received",
            "funds.exhausted",
            "funds.restored",
            "webhook.test");
  }

  @Test
  void publishesItsOpenApiDescriptionWithoutAuth() {
    Api.Answer docs = api.get("/v3/api-docs", null);
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.body().path("paths").has("/v1/webhooks/endpoints")).isTrue();
  }
}
