package network.aioz.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@IdentityIntegrationTest
class ApiKeyIntegrationTests {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  Api api;
  String owner;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    owner = api.sessionToken(new Wallet());
  }

  private Api.Reply create(String caller, Map<String, Object> body) {
    return api.send("POST", "/v1/api-keys", body, caller);
  }

  private Api.Reply createKey(List<String> scopes) {
    Api.Reply reply = create(owner, Map.of("name", "ci", "scopes", scopes));
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    return reply;
  }

  @Test
  void keyIsShownOnceAndStoredOnlyAsAHash() {
    Api.Reply created = createKey(List.of("storage:write", "storage:read"));
    String key = created.str("key");
    String id = created.str("id");

    assertThat(key).matches("aioz_" + id + "_[A-Za-z0-9]{32,}");
    assertThat(created.json().get("scopes").toString())
        .isEqualTo("[\"storage:read\",\"storage:write\"]");
    String secret = key.substring(key.lastIndexOf('_') + 1);
    Integer leaking =
        jdbc.queryForObject(
            "select count(*) from api_key k where position(convert_to(?, 'UTF8') in k.key_hash) > 0"
                + " or k::text like '%' || ? || '%'",
            Integer.class, secret, secret);
    assertThat(leaking).isZero();
    assertThat(
            jdbc.queryForObject(
                "select key_hash = sha256(convert_to(?, 'UTF8')) from api_key where id = ?",
                Boolean.class,
                key,
                id))
        .isTrue();
    Integer inOutbox =
        jdbc.queryForObject(
            "select count(*) from event_outbox where convert_from(payload, 'UTF8') like '%' || ? ||"
                + " '%'",
            Integer.class, secret);
    assertThat(inOutbox).isZero();

    Api.Reply shown = api.send("GET", "/v1/api-keys/" + id, null, owner);
    assertThat(shown.status()).isEqualTo(200);
    assertThat(shown.json().has("key")).isFalse();
    assertThat(api.send("GET", "/v1/api-keys", null, owner).text())
        .contains(id)
        .doesNotContain(secret);
  }

  @Test
  void keyAuthenticatesWithItsScopesAndRecordsItsLastUse() {
    Api.Reply created = createKey(List.of("storage:read"));
    String id = created.str("id");

    Api.Reply who = api.authenticate("apiKey", created.str("key"));
    assertThat(who.status()).isEqualTo(200);
    assertThat(who.str("subject")).isEqualTo(id);
    assertThat(who.str("credentialId")).isEqualTo(id);
    assertThat(who.str("authMethod")).isEqualTo("api-key");
    assertThat(who.json().get("scopes").toString()).isEqualTo("[\"storage:read\"]");
    assertThat(who.json().get("expiresAt").isNull()).isTrue();

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(api.send("GET", "/v1/api-keys/" + id, null, owner).str("lastUsedAt"))
                    .isNotNull());
    Instant first =
        Instant.parse(api.send("GET", "/v1/api-keys/" + id, null, owner).str("lastUsedAt"));
    // further uses within the minute write nothing
    for (int i = 0; i < 5; i++) {
      assertThat(api.authenticate("apiKey", created.str("key")).status()).isEqualTo(200);
    }
    try {
      Thread.sleep(300);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    assertThat(Instant.parse(api.send("GET", "/v1/api-keys/" + id, null, owner).str("lastUsedAt")))
        .isEqualTo(first);
  }

  @Test
  void revokedKeyIsRefusedRightAway() {
    Api.Reply created = createKey(List.of("storage:read"));
    assertThat(api.authenticate("apiKey", created.str("key")).status()).isEqualTo(200);

    assertThat(api.send("DELETE", "/v1/api-keys/" + created.str("id"), null, owner).status())
        .isEqualTo(204);

    Api.Reply after = api.authenticate("apiKey", created.str("key"));
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.str("detail")).isEqualTo("revoked");
    assertThat(api.send("GET", "/v1/api-keys/" + created.str("id"), null, owner).str("revokedAt"))
        .isNotNull();
  }

  @Test
  void expiredKeyIsRefused() throws Exception {
    Api.Reply created =
        create(
            owner,
            Map.of(
                "name",
                "short",
                "scopes",
                List.of("storage:read"),
                "expiresAt",
                Instant.now().plusSeconds(1).toString()));
    assertThat(created.status()).isEqualTo(201);
    assertThat(api.authenticate("apiKey", created.str("key")).str("expiresAt")).isNotNull();
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(api.authenticate("apiKey", created.str("key")).str("detail"))
                    .isEqualTo("expired"));
    assertThat(
            create(
                    owner,
                    Map.of(
                        "name",
                        "past",
                        "scopes",
                        List.of("storage:read"),
                        "expiresAt",
                        Instant.now().minusSeconds(5).toString()))
                .status())
        .isEqualTo(400);
  }

  @Test
  void wrongOrMalformedKeysAreRefused() {
    String key = createKey(List.of("storage:read")).str("key");
    String wrongSecret = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");
    Api.Reply wrong = api.authenticate("apiKey", wrongSecret);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.str("detail")).contains("unknown");
    assertThat(api.authenticate("apiKey", "hello").str("detail")).contains("malformed");
    assertThat(api.authenticate("apiKey", "aioz_0000000000000000_" + "x".repeat(40)).str("detail"))
        .contains("unknown");
  }

  @Test
  void scopesCannotEscalate() {
    Api.Reply narrow = createKey(List.of("identity:write", "storage:read"));
    String narrowCaller = Api.gatewayToken(api.authenticate("apiKey", narrow.str("key")));

    Api.Reply escalate =
        create(narrowCaller, Map.of("name", "x", "scopes", List.of("storage:write")));
    assertThat(escalate.status()).isEqualTo(403);
    assertThat(escalate.isProblem()).isTrue();
    assertThat(
            create(narrowCaller, Map.of("name", "x", "scopes", List.of("storage:read"))).status())
        .isEqualTo(201);
    assertThat(create(owner, Map.of("name", "x", "scopes", List.of("identity:internal"))).status())
        .isEqualTo(400);
    assertThat(create(owner, Map.of("name", "x", "scopes", List.of())).status()).isEqualTo(400);
    assertThat(create(owner, Map.of("scopes", List.of("storage:read"))).status()).isEqualTo(400);
  }

  @Test
  void readOnlyCredentialCannotCreateKeys() {
    Api.Reply created = createKey(List.of("storage:read", "identity:read"));
    String readOnly = Api.gatewayToken(api.authenticate("apiKey", created.str("key")));
    assertThat(create(readOnly, Map.of("name", "x", "scopes", List.of("storage:read"))).status())
        .isEqualTo(403);
    assertThat(api.send("GET", "/v1/api-keys", null, readOnly).status()).isEqualTo(200);
  }

  @Test
  void anotherTenantsKeyIsNotFound() {
    String id = createKey(List.of("storage:read")).str("id");
    String stranger = api.sessionToken(new Wallet());

    Api.Reply get = api.send("GET", "/v1/api-keys/" + id, null, stranger);
    assertThat(get.status()).isEqualTo(404);
    assertThat(get.isProblem()).isTrue();
    assertThat(api.send("DELETE", "/v1/api-keys/" + id, null, stranger).status()).isEqualTo(404);
    assertThat(api.send("GET", "/v1/api-keys", null, stranger).text()).doesNotContain(id);
    assertThat(api.send("GET", "/v1/api-keys/" + id, null, owner).str("revokedAt")).isNull();
  }

  @Test
  void eventsCarryTheTenantAndIdsOnly() {
    Api.Reply created = createKey(List.of("storage:read"));
    String id = created.str("id");
    api.send("DELETE", "/v1/api-keys/" + id, null, owner);
    List<Map<String, Object>> events =
        jdbc.queryForList(
            "select topic, message_key, event_type, convert_from(payload, 'UTF8') as data"
                + " from event_outbox where convert_from(payload, 'UTF8') like '%' || ? || '%'"
                + " order by position",
            id);
    assertThat(events)
        .extracting(e -> e.get("event_type"))
        .containsExactly(
            "network.aioz.identity.ApiKeyCreated", "network.aioz.identity.ApiKeyRevoked");
    assertThat(events).allSatisfy(e -> assertThat(e.get("topic")).isEqualTo("identity.credential"));
    String tenant =
        api.authenticate("apiKey", createKey(List.of("storage:read")).str("key")).str("tenantId");
    assertThat(events).allSatisfy(e -> assertThat(e.get("message_key")).isEqualTo(tenant));
  }
}
