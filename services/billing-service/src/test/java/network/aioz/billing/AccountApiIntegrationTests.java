package network.aioz.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import network.aioz.billing.ledger.Accounts;
import network.aioz.billing.ledger.Ledger;
import network.aioz.billing.ledger.TransferRequest;
import network.aioz.billing.ledger.TransferResult;
import network.aioz.shared.event.KafkaCloudEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@BillingIntegrationTest
class AccountApiIntegrationTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Value("${local.server.port}")
  int port;

  @Autowired Ledger ledger;
  @Autowired Accounts accounts;

  private HttpResponse<String> call(String method, String path, String token, String body) {
    return new BillingApi(port).call(method, path, token, body);
  }

  private JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  @Test
  void aTenantSeesItsOwnBalanceAndHistoryAndTopsUpExactlyOnce() throws Exception {
    String tenant = "t-" + UUID.randomUUID();
    String read = BillingTestInfra.token(tenant, "billing:read");
    String write = BillingTestInfra.token(tenant, "billing:read", "billing:write");

    HttpResponse<String> empty = call("GET", "/v1/billing/account", read, null);
    assertThat(empty.statusCode()).isEqualTo(200);
    assertThat(json(empty).get("available").asString()).isEqualTo("0");
    assertThat(json(empty).get("decimals").asInt()).isEqualTo(18);

    UUID id = UUID.randomUUID();
    String topUp = "{\"amount\":\"1500000000000000000\",\"id\":\"" + id + "\"}";
    HttpResponse<String> created = call("POST", "/v1/billing/dev/top-ups", write, topUp);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    HttpResponse<String> again = call("POST", "/v1/billing/dev/top-ups", write, topUp);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).get("result").asString()).isEqualTo("EXISTS");
    HttpResponse<String> conflict =
        call("POST", "/v1/billing/dev/top-ups", write, "{\"amount\":\"2\",\"id\":\"" + id + "\"}");
    assertThat(conflict.statusCode()).isEqualTo(409);

    assertPaymentReceivedOnce(tenant, id, "1500000000000000000");

    JsonNode account = json(call("GET", "/v1/billing/account", read, null));
    assertThat(account.get("available").asString()).isEqualTo("1500000000000000000");
    JsonNode history = json(call("GET", "/v1/billing/account/transfers", read, null));
    assertThat(history.get("items")).hasSize(1);
    assertThat(history.get("items").get(0).get("direction").asString()).isEqualTo("credit");
    assertThat(history.get("items").get(0).get("counterparty").asString())
        .isEqualTo("platform:dev-top-up");

    String other = BillingTestInfra.token("t-" + UUID.randomUUID(), "billing:read");
    assertThat(json(call("GET", "/v1/billing/account", other, null)).get("available").asString())
        .as("another tenant sees its own account")
        .isEqualTo("0");
    assertThat(json(call("GET", "/v1/billing/account/transfers", other, null)).get("items"))
        .isEmpty();
  }

  @Test
  void historyPagesNeverSkipTransfersThatShareTheirBatchesTime() throws Exception {
    String tenant = "t-" + UUID.randomUUID();
    String account = accounts.openTenant(tenant);
    List<TransferRequest> batch = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      batch.add(
          TransferRequest.posted(
              UUID.randomUUID(),
              Accounts.DEV_TOP_UP,
              account,
              BigInteger.valueOf(i),
              "top_up",
              "batch"));
    }
    assertThat(ledger.submit(batch)).allMatch(r -> r == TransferResult.CREATED);
    String read = BillingTestInfra.token(tenant, "billing:read");

    Set<String> seen = new HashSet<>();
    String path = "/v1/billing/account/transfers?limit=2";
    for (int page = 0; page < 5 && path != null; page++) {
      JsonNode body = json(call("GET", path, read, null));
      body.get("items").forEach(item -> seen.add(item.get("id").asString()));
      JsonNode next = body.get("next");
      path =
          next == null || next.isNull()
              ? null
              : "/v1/billing/account/transfers?limit=2&cursor="
                  + java.net.URLEncoder.encode(next.asString(), StandardCharsets.UTF_8);
    }
    assertThat(seen)
        .containsExactlyInAnyOrderElementsOf(batch.stream().map(t -> t.id().toString()).toList());
  }

  @Test
  void badAmountsAndCallersGetProblemsAndChangeNothing() throws Exception {
    String tenant = "t-" + UUID.randomUUID();
    String write = BillingTestInfra.token(tenant, "billing:read", "billing:write");
    for (String body :
        new String[] {
          "{\"amount\":\"-5\"}",
          "{\"amount\":\"1.5\"}",
          "{\"amount\":\"0\"}",
          "{\"amount\":\"1e18\"}",
          "{\"amount\":\"" + "9".repeat(80) + "\"}",
          "{\"amount\":\"abc\"}",
          "{}",
          "{\"amount\":",
          "[1,2]",
          "{\"amount\":\"5\",\"id\":\"not-a-uuid\"}"
        }) {
      HttpResponse<String> response = call("POST", "/v1/billing/dev/top-ups", write, body);
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .as(body)
          .startsWith("application/problem+json");
      assertThat(response.body()).as(body).doesNotContain("Exception", "at network.");
    }
    assertThat(json(call("GET", "/v1/billing/account", write, null)).get("available").asString())
        .isEqualTo("0");

    assertThat(call("GET", "/v1/billing/account", null, null).statusCode()).isEqualTo(401);
    assertThat(
            call(
                    "POST",
                    "/v1/billing/dev/top-ups",
                    BillingTestInfra.token(tenant, "billing:read"),
                    "{\"amount\":\"5\"}")
                .statusCode())
        .isEqualTo(403);
    assertThat(call("GET", "/v1/billing/account/transfers?limit=0", write, null).statusCode())
        .isEqualTo(400);
    assertThat(
            call("GET", "/v1/billing/account/transfers?cursor=yesterday", write, null).statusCode())
        .isEqualTo(400);
  }

  /**
   * The top-up's {@code PaymentReceived} reached Kafka once, keyed by tenant, as webhooks see it.
   */
  private static void assertPaymentReceivedOnce(String tenant, UUID transfer, String amount) {
    String type = "network.aioz.billing.PaymentReceived";
    List<JsonNode> seen =
        BillingEvents.ofType(
                BillingEvents.keyed(
                    "billing.account",
                    tenant,
                    events -> !BillingEvents.ofType(events, type).isEmpty()),
                type)
            .stream()
            .map(e -> JSON.readTree(KafkaCloudEvents.data(e)))
            .toList();
    assertThat(seen).hasSize(1);
    JsonNode data = seen.getFirst();
    assertThat(data.get("tenantId").asString()).isEqualTo(tenant);
    assertThat(data.get("transferId").asString()).isEqualTo(transfer.toString());
    assertThat(data.get("amount").asString()).isEqualTo(amount);
    assertThat(data.get("available").asString()).isEqualTo(amount);
  }
}
