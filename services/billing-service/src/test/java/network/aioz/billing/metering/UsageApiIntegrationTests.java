package network.aioz.billing.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import network.aioz.billing.BillingApi;
import network.aioz.billing.BillingIntegrationTest;
import network.aioz.billing.BillingTestInfra;
import network.aioz.billing.TopUps;
import network.aioz.billing.ledger.Accounts;
import network.aioz.billing.ledger.Ledger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@BillingIntegrationTest
class UsageApiIntegrationTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Value("${local.server.port}")
  int port;

  @Autowired Ingestion ingestion;
  @Autowired Charging charging;
  @Autowired PeriodCloser closer;
  @Autowired Ledger ledger;
  @Autowired Accounts accounts;

  private HttpResponse<String> get(String path, String token) {
    return new BillingApi(port).call("GET", path, token, null);
  }

  @Test
  void aTenantSeesItsUsageLinesAndAStatementThatIsFixedOnceClosed() throws Exception {
    String tenant = "t-" + UUID.randomUUID();
    String token = BillingTestInfra.token(tenant, "billing:read");
    Instant at = UsageEventFixtures.ownMonth();
    String period = UsageEventFixtures.monthId(at);
    TopUps.topUp(ledger, accounts, tenant, new BigInteger("3000000000000000"));
    ingestion.record(
        UsageEventFixtures.poll(
            UsageEventFixtures.usage(tenant, "ai", "inference-unit", "2", at),
            UsageEventFixtures.usage(tenant, "ai", "inference-unit", "3", at)));

    JsonNode usage = JSON.readTree(get("/v1/billing/usage?period=" + period, token).body());
    assertThat(usage.get("lines")).hasSize(1);
    JsonNode line = usage.get("lines").get(0);
    assertThat(line.get("quantity").asString()).isEqualTo("5");
    assertThat(line.get("events").asLong()).isEqualTo(2);
    assertThat(line.get("due").asString()).isEqualTo("5000000000000000");
    assertThat(line.get("charged").asString()).isEqualTo("0");

    closer.closePeriod(period);
    usage = JSON.readTree(get("/v1/billing/usage?period=" + period, token).body());
    assertThat(usage.get("status").asString()).isEqualTo("closed");
    assertThat(usage.get("lines").get(0).get("charged").asString()).isEqualTo("3000000000000000");
    assertThat(usage.get("lines").get(0).get("owed").asString()).isEqualTo("2000000000000000");

    HttpResponse<String> first = get("/v1/billing/statements/" + period, token);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    JsonNode statement = JSON.readTree(first.body());
    assertThat(statement.get("usageDue").asString()).isEqualTo("5000000000000000");
    assertThat(statement.get("owed").asString()).isEqualTo("2000000000000000");
    assertThat(get("/v1/billing/statements/" + period, token).body()).isEqualTo(first.body());

    String other = BillingTestInfra.token("t-" + UUID.randomUUID(), "billing:read");
    assertThat(JSON.readTree(get("/v1/billing/usage?period=" + period, other).body()).get("lines"))
        .as("another tenant sees none of it")
        .isEmpty();
    assertThat(get("/v1/billing/usage?period=2026-13", token).statusCode()).isEqualTo(400);
    assertThat(get("/v1/billing/statements/nonsense", token).statusCode()).isEqualTo(400);
    assertThat(get("/v1/billing/usage", token).statusCode()).isEqualTo(200);
    assertThat(get("/v1/billing/statements", token).statusCode()).isEqualTo(200);
  }
}
