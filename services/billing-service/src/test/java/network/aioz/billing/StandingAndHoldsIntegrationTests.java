package network.aioz.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import network.aioz.billing.account.Standing;
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

/** A tenant's standing follows its balance; holds reserve work's price or answer 402. */
@BillingIntegrationTest
class StandingAndHoldsIntegrationTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Value("${local.server.port}")
  int port;

  @Autowired Ledger ledger;
  @Autowired Accounts accounts;

  private HttpResponse<String> call(String method, String path, String token, String body) {
    return new BillingApi(port).call(method, path, token, body);
  }

  private static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  private void credit(String tenant, long amount) {
    TopUps.topUp(ledger, accounts, tenant, BigInteger.valueOf(amount));
  }

  private void charge(String tenant, long amount) {
    assertThat(
            ledger.submit(
                List.of(
                    TransferRequest.posted(
                        UUID.randomUUID(),
                        Accounts.tenantAccount(tenant),
                        Accounts.REVENUE,
                        BigInteger.valueOf(amount),
                        "charge",
                        "test"))))
        .containsExactly(TransferResult.CREATED);
  }

  @Test
  void standingFlipsAnnouncedOnceEachAndTheLowBalanceAlertIsReArmed() throws Exception {
    String tenant = "t-" + UUID.randomUUID();
    String write = BillingTestInfra.token(tenant, "billing:read", "billing:write");
    JsonNode fresh = json(call("GET", "/v1/billing/account", write, null));
    assertThat(fresh.get("funded").asBoolean()).isFalse();
    assertThat(fresh.get("lowBalanceThreshold").asString()).isEqualTo("1000000000000000000");

    HttpResponse<String> alerts =
        call("PUT", "/v1/billing/account/alerts", write, "{\"lowBalance\":\"100\"}");
    assertThat(alerts.statusCode()).as(alerts.body()).isEqualTo(200);
    assertThat(json(alerts).get("lowBalanceThreshold").asString()).isEqualTo("100");
    for (String bad : new String[] {"{\"lowBalance\":\"-1\"}", "{\"lowBalance\":\"1.5\"}", ""}) {
      HttpResponse<String> refused = call("PUT", "/v1/billing/account/alerts", write, bad);
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
      assertThat(refused.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
    }

    credit(tenant, 150); // funded, above the threshold: FundsRestored only
    charge(tenant, 60); // 90 < 100: BalanceLow once
    charge(tenant, 10); // still low: nothing new
    credit(tenant, 20); // 100, back at the threshold: the alert is re-armed, nothing sent
    charge(tenant, 100); // 0: BalanceLow again and FundsExhausted
    assertThat(json(call("GET", "/v1/billing/account", write, null)).get("funded").asBoolean())
        .isFalse();

    List<CloudEvent> events =
        BillingEvents.keyed(
            "billing.account",
            tenant,
            seen -> BillingEvents.ofType(seen, Standing.FUNDS_EXHAUSTED).size() == 1);
    assertThat(BillingEvents.types(events))
        .containsExactly(
            Standing.FUNDS_RESTORED,
            Standing.BALANCE_LOW,
            Standing.BALANCE_LOW,
            Standing.FUNDS_EXHAUSTED);
    JsonNode low = JSON.readTree(KafkaCloudEvents.data(events.get(1)));
    assertThat(low.get("available").asString()).isEqualTo("90");
    assertThat(low.get("threshold").asString()).isEqualTo("100");
  }

  @Test
  void aHoldReservesThePriceOrIsRefusedWith402AndVoidingReleasesIt() throws Exception {
    String tenant = "t-" + UUID.randomUUID();
    String write = BillingTestInfra.token(tenant, "billing:read", "billing:write");
    credit(tenant, 1000);
    UUID id = UUID.randomUUID();
    String body =
        "{\"id\":\"" + id + "\",\"amount\":\"700\",\"service\":\"ai\",\"reference\":\"job-1\"}";
    HttpResponse<String> created = call("POST", "/v1/billing/holds", write, body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(json(created).get("state").asString()).isEqualTo("open");
    assertThat(json(created).get("reference").asString()).isEqualTo("job-1");
    assertThat(call("POST", "/v1/billing/holds", write, body).statusCode()).isEqualTo(200);
    assertThat(accounts.tenantBalance(tenant).available()).isEqualTo(BigInteger.valueOf(300));

    HttpResponse<String> refused =
        call(
            "POST",
            "/v1/billing/holds",
            write,
            "{\"id\":\"" + UUID.randomUUID() + "\",\"amount\":\"301\",\"service\":\"ai\"}");
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(402);
    assertThat(refused.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(json(refused).get("type").asString()).endsWith("insufficient-funds");
    assertThat(json(refused).get("available").asString()).isEqualTo("300");
    assertThat(json(refused).get("required").asString()).isEqualTo("301");

    HttpResponse<String> voided = call("POST", "/v1/billing/holds/" + id + "/void", write, null);
    assertThat(voided.statusCode()).as(voided.body()).isEqualTo(200);
    assertThat(json(voided).get("state").asString()).isEqualTo("voided");
    assertThat(call("POST", "/v1/billing/holds/" + id + "/void", write, null).statusCode())
        .isEqualTo(200);
    assertThat(accounts.tenantBalance(tenant).available()).isEqualTo(BigInteger.valueOf(1000));

    String other =
        BillingTestInfra.token("t-" + UUID.randomUUID(), "billing:read", "billing:write");
    assertThat(call("GET", "/v1/billing/holds/" + id, other, null).statusCode())
        .as("another tenant's hold")
        .isEqualTo(404);
    assertThat(call("POST", "/v1/billing/holds/" + id + "/void", other, null).statusCode())
        .isEqualTo(404);
    for (String bad :
        new String[] {
          "{\"amount\":\"5\",\"service\":\"ai\"}",
          "{\"id\":\"" + UUID.randomUUID() + "\",\"amount\":\"-5\",\"service\":\"ai\"}",
          "{\"id\":\"" + UUID.randomUUID() + "\",\"amount\":\"5\",\"service\":\"mining\"}",
          "{\"id\":\""
              + UUID.randomUUID()
              + "\",\"amount\":\"5\",\"service\":\"ai\","
              + "\"timeoutSeconds\":0}",
          "{\"id\":\"nope\",\"amount\":\"5\",\"service\":\"ai\"}"
        }) {
      HttpResponse<String> response = call("POST", "/v1/billing/holds", write, bad);
      assertThat(response.statusCode()).as(bad).isEqualTo(400);
    }
    assertThat(accounts.tenantBalance(tenant).available()).isEqualTo(BigInteger.valueOf(1000));
  }
}
