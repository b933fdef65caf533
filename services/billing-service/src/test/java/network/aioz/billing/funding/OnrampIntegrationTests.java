package network.aioz.billing.funding;

import static network.aioz.billing.funding.FundingApi.assertProblem;
import static network.aioz.billing.funding.FundingApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import network.aioz.billing.BillingIntegrationTest;
import network.aioz.billing.BillingTestInfra;
import network.aioz.billing.ledger.Accounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@BillingIntegrationTest
class OnrampIntegrationTests {

  static final String SOURCE = "funding-tests-webhook-secret";

  @Value("${local.server.port}")
  int port;

  @Autowired Accounts accounts;
  @Autowired JdbcTemplate jdbc;
  @Autowired ConfigurableEnvironment environment;

  private FundingApi api;
  private String tenant;
  private String write;

  /** The provider's secret, as the deployment would set BILLING_ONRAMP_WEBHOOK_SECRET. */
  static void configureSecret(ConfigurableEnvironment environment) {
    if (!environment.getPropertySources().contains(SOURCE)) {
      environment
          .getPropertySources()
          .addFirst(
              new MapPropertySource(
                  SOURCE, Map.of(OnrampWebhooks.SECRET, WebhookSignatureTests.SECRET)));
    }
  }

  @BeforeEach
  void setUp() {
    configureSecret(environment);
    api = new FundingApi(port);
    tenant = "t-" + UUID.randomUUID();
    write = BillingTestInfra.token(tenant, "billing:read", "billing:write");
  }

  private JsonNode quote(String currency, String amount) {
    HttpResponse<String> r =
        api.call(
            "POST",
            "/v1/billing/onramp/quotes",
            write,
            json(Map.of("fiatCurrency", currency, "fiatAmount", amount)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r);
  }

  private JsonNode order(String quoteId) {
    HttpResponse<String> r =
        api.call("POST", "/v1/billing/onramp/orders", write, json(Map.of("quoteId", quoteId)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r);
  }

  static HttpResponse<String> webhook(
      FundingApi api, String secret, String id, long timestamp, String body) {
    return api.call(
        "POST",
        "/v1/billing/onramp/webhooks",
        null,
        body,
        Map.of(
            "webhook-id", id,
            "webhook-timestamp", Long.toString(timestamp),
            "webhook-signature",
                WebhookSignatureTests.sign(
                    secret, id, timestamp, body.getBytes(StandardCharsets.UTF_8))));
  }

  static String event(String type, String orderId, String fiat, String currency) {
    return json(
        Map.of(
            "type",
            type,
            "data",
            Map.of(
                "orderId", orderId,
                "fiatAmount", fiat,
                "fiatCurrency", currency,
                "providerReference", "prov-" + orderId)));
  }

  private BigInteger available() {
    return accounts.tenantBalance(tenant).available();
  }

  @Test
  void aQuoteShowsEveryFeeAndASignedWebhookCreditsItOnce() {
    JsonNode quote = quote("usd", "100.00");
    assertThat(quote.get("fiatCurrency").asString()).isEqualTo("USD");
    assertThat(quote.get("fiatAmount").asString()).isEqualTo("100.00");
    assertThat(quote.get("providerFee").asString()).isEqualTo("1.50");
    assertThat(quote.get("networkFee").asString()).isEqualTo("0.30");
    assertThat(quote.get("totalFees").asString()).isEqualTo("1.80");
    assertThat(quote.get("rate").asString()).isEqualTo("0.25");
    assertThat(quote.get("tokens").asString()).isEqualTo("392800000000000000000");
    Instant expires = Instant.parse(quote.get("expiresAt").asString());
    assertThat(expires).isBetween(Instant.now().plusSeconds(540), Instant.now().plusSeconds(660));

    JsonNode order = order(quote.get("id").asString());
    String orderId = order.get("id").asString();
    assertThat(order.get("status").asString()).isEqualTo("pending");
    assertThat(order.get("checkoutUrl").asString()).endsWith("/" + orderId);
    assertThat(order(quote.get("id").asString()).get("id").asString())
        .as("confirming twice gives the same order")
        .isEqualTo(orderId);

    String body = event("order.completed", orderId, "100.00", "USD");
    long now = Instant.now().getEpochSecond();
    HttpResponse<String> done =
        webhook(api, WebhookSignatureTests.SECRET, "msg_" + orderId, now, body);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    assertThat(available()).isEqualTo(new BigInteger("392800000000000000000"));

    // the same delivery replayed, and the provider's resend under a new id: nothing changes
    assertThat(webhook(api, WebhookSignatureTests.SECRET, "msg_" + orderId, now, body).statusCode())
        .isEqualTo(200);
    assertThat(
            webhook(api, WebhookSignatureTests.SECRET, "msg2_" + orderId, now, body).statusCode())
        .isEqualTo(200);
    assertThat(available()).isEqualTo(new BigInteger("392800000000000000000"));

    JsonNode read = json(api.call("GET", "/v1/billing/onramp/orders/" + orderId, write, null));
    assertThat(read.get("status").asString()).isEqualTo("completed");
    assertThat(read.get("providerReference").asString()).isEqualTo("prov-" + orderId);
    String stranger = BillingTestInfra.token("t-" + UUID.randomUUID(), "billing:read");
    assertProblem(api.call("GET", "/v1/billing/onramp/orders/" + orderId, stranger, null), 404);

    List<JsonNode> payments =
        FundingApi.events("billing.account", tenant, "network.aioz.billing.PaymentReceived", 1);
    assertThat(payments).hasSize(1);
    assertThat(payments.getFirst().get("source").asString()).isEqualTo("onramp");
    assertThat(payments.getFirst().get("transferId").asString())
        .isEqualTo(FundingIds.onrampCredit(UUID.fromString(orderId)).toString());
  }

  @Test
  void unsignedWrongSecretStaleOrTamperedWebhooksAre401AndCreditNothing() {
    String orderId = order(quote("USD", "20.00").get("id").asString()).get("id").asString();
    String body = event("order.completed", orderId, "20.00", "USD");
    long now = Instant.now().getEpochSecond();

    assertProblem(api.call("POST", "/v1/billing/onramp/webhooks", null, body), 401);
    String wrong = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
    assertProblem(webhook(api, wrong, "msg_a" + orderId, now, body), 401);
    assertProblem(
        webhook(api, WebhookSignatureTests.SECRET, "msg_b" + orderId, now - 600, body), 401);
    String signedId = "msg_c" + orderId;
    String tampered = event("order.completed", orderId, "2000.00", "USD");
    assertProblem(
        api.call(
            "POST",
            "/v1/billing/onramp/webhooks",
            null,
            tampered,
            Map.of(
                "webhook-id", signedId,
                "webhook-timestamp", Long.toString(now),
                "webhook-signature",
                    WebhookSignatureTests.sign(
                        WebhookSignatureTests.SECRET,
                        signedId,
                        now,
                        body.getBytes(StandardCharsets.UTF_8)))),
        401);
    assertThat(available()).isZero();
    assertThat(
            json(api.call("GET", "/v1/billing/onramp/orders/" + orderId, write, null))
                .get("status")
                .asString())
        .isEqualTo("pending");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from onramp_webhook where webhook_id like ?",
                Integer.class,
                "%" + orderId))
        .isZero();
  }

  @Test
  void aPaymentThatDiffersFromTheQuoteIs422FlagsTheOrderAndCreditsNothing() {
    String orderId = order(quote("USD", "50.00").get("id").asString()).get("id").asString();
    long now = Instant.now().getEpochSecond();
    assertProblem(
        webhook(
            api,
            WebhookSignatureTests.SECRET,
            "msg_" + orderId,
            now,
            event("order.completed", orderId, "49.99", "USD")),
        422);
    assertThat(available()).isZero();
    JsonNode order = json(api.call("GET", "/v1/billing/onramp/orders/" + orderId, write, null));
    assertThat(order.get("status").asString()).isEqualTo("flagged");
    assertThat(order.get("flagReason").asString()).contains("49.99");
    // a later, matching report does not credit a flagged order either
    assertProblem(
        webhook(
            api,
            WebhookSignatureTests.SECRET,
            "msg2_" + orderId,
            now,
            event("order.completed", orderId, "50.00", "USD")),
        409);
    assertThat(available()).isZero();
  }

  @Test
  void badQuotesAndExpiredQuotesAreProblemsAndTheWebhookNeedsItsSecret() {
    for (String body :
        new String[] {
          "{\"fiatCurrency\":\"XYZ\",\"fiatAmount\":\"10.00\"}",
          "{\"fiatCurrency\":\"USD\",\"fiatAmount\":\"-10\"}",
          "{\"fiatCurrency\":\"USD\",\"fiatAmount\":\"10.001\"}",
          "{\"fiatCurrency\":\"USD\",\"fiatAmount\":\"0\"}",
          "{\"fiatCurrency\":\"USD\",\"fiatAmount\":\"0.31\"}",
          "{\"fiatCurrency\":\"USD\"}",
          "{}",
          "[1]"
        }) {
      assertProblem(api.call("POST", "/v1/billing/onramp/quotes", write, body), 400);
    }
    assertProblem(
        api.call(
            "POST",
            "/v1/billing/onramp/quotes",
            BillingTestInfra.token(tenant, "billing:read"),
            "{\"fiatCurrency\":\"USD\",\"fiatAmount\":\"10\"}"),
        403);

    String quoteId = quote("USD", "10.00").get("id").asString();
    jdbc.update(
        "update onramp_quote set expires_at = ? where id = ?",
        Timestamp.from(Instant.now().minusSeconds(1)),
        UUID.fromString(quoteId));
    assertProblem(
        api.call("POST", "/v1/billing/onramp/orders", write, json(Map.of("quoteId", quoteId))),
        410);
    String stranger = BillingTestInfra.token("t-" + UUID.randomUUID(), "billing:write");
    String fresh = quote("USD", "10.00").get("id").asString();
    assertProblem(
        api.call("POST", "/v1/billing/onramp/orders", stranger, json(Map.of("quoteId", fresh))),
        404);

    var sources = environment.getPropertySources();
    var secret = sources.remove(SOURCE);
    try {
      String body = event("order.completed", UUID.randomUUID().toString(), "10.00", "USD");
      assertProblem(
          webhook(api, WebhookSignatureTests.SECRET, "msg_x", Instant.now().getEpochSecond(), body),
          503);
    } finally {
      sources.addFirst(secret);
    }
  }
}
