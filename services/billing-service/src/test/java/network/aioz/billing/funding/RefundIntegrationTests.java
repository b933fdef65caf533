package network.aioz.billing.funding;

import static network.aioz.billing.funding.FundingApi.assertProblem;
import static network.aioz.billing.funding.FundingApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import network.aioz.billing.BillingEvents;
import network.aioz.billing.BillingIntegrationTest;
import network.aioz.billing.BillingTestInfra;
import network.aioz.billing.TopUps;
import network.aioz.billing.ledger.Accounts;
import network.aioz.billing.ledger.Ledger;
import network.aioz.billing.ledger.TransferRequest;
import network.aioz.billing.ledger.TransferResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@BillingIntegrationTest
class RefundIntegrationTests {

  private static final String ADDRESS = "0x" + "ab".repeat(20);

  @Value("${local.server.port}")
  int port;

  @Autowired Accounts accounts;
  @Autowired Ledger ledger;
  @Autowired JdbcTemplate jdbc;
  @Autowired ConfigurableEnvironment environment;

  private FundingApi api;
  private String tenant;
  private String write;

  @BeforeEach
  void setUp() {
    api = new FundingApi(port);
    tenant = "t-" + UUID.randomUUID();
    write = BillingTestInfra.token(tenant, "billing:read", "billing:write");
  }

  private void fund(long amount) {
    TopUps.topUp(ledger, accounts, tenant, BigInteger.valueOf(amount));
  }

  private BigInteger available() {
    return accounts.tenantBalance(tenant).available();
  }

  private BigInteger withdrawn() {
    return accounts.balance(Accounts.WITHDRAWALS).orElseThrow().creditsPosted();
  }

  private HttpResponse<String> refund(UUID id, String amount, Map<String, Object> destination) {
    return api.call(
        "POST",
        "/v1/billing/refunds",
        write,
        json(Map.of("id", id.toString(), "amount", amount, "destination", destination)));
  }

  private String status(UUID id) {
    return json(api.call("GET", "/v1/billing/refunds/" + id, write, null)).get("status").asString();
  }

  @Test
  void aChainWithdrawalHoldsThenPostsOnceWhenConfirmed() {
    fund(1_000);
    UUID id = UUID.randomUUID();
    Map<String, Object> chain =
        Map.of("type", "chain", "address", ADDRESS.toUpperCase().replace("0X", "0x"));
    HttpResponse<String> placed = refund(id, "600", chain);
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
    assertThat(json(placed).get("status").asString()).isEqualTo("pending");
    assertThat(available()).isEqualTo(BigInteger.valueOf(400));
    assertThat(refund(id, "600", chain).statusCode()).as("idempotent").isEqualTo(200);
    assertProblem(refund(id, "601", chain), 409);
    assertThat(available()).isEqualTo(BigInteger.valueOf(400));

    List<JsonNode> requested =
        FundingApi.events(Refunds.TOPIC, id.toString(), Refunds.REQUESTED, 1);
    assertThat(requested).hasSize(1);
    assertThat(requested.getFirst().get("tenantId").asString()).isEqualTo(tenant);
    assertThat(requested.getFirst().get("amount").asString()).isEqualTo("600");
    assertThat(requested.getFirst().at("/destination/address").asString()).isEqualTo(ADDRESS);

    BigInteger withdrawnBefore = withdrawn();
    Map<String, Object> confirmed =
        Map.of("refundId", id.toString(), "txHash", "0x" + "1".repeat(64));
    FundingApi.publish(
        WithdrawalConsumer.TOPIC,
        UUID.randomUUID().toString(),
        WithdrawalConsumer.CONFIRMED,
        id.toString(),
        confirmed);
    FundingApi.publish(
        WithdrawalConsumer.TOPIC,
        UUID.randomUUID().toString(),
        WithdrawalConsumer.CONFIRMED,
        id.toString(),
        confirmed);
    await().atMost(Duration.ofSeconds(30)).until(() -> status(id).equals("completed"));
    // a late failure report cannot undo a completed withdrawal
    FundingApi.publish(
        WithdrawalConsumer.TOPIC,
        UUID.randomUUID().toString(),
        WithdrawalConsumer.FAILED,
        id.toString(),
        Map.of("refundId", id.toString(), "reason", "late"));
    UUID marker = UUID.randomUUID();
    FundingApi.publish(
        WithdrawalConsumer.TOPIC,
        marker.toString(),
        "network.aioz.chain.Other",
        "k",
        Map.of("refundId", marker.toString()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from processed_event where consumer = ?",
                        Integer.class,
                        WithdrawalConsumer.CONSUMER)
                    >= 3);
    assertThat(status(id)).isEqualTo("completed");
    assertThat(accounts.tenantBalance(tenant).posted()).isEqualTo(BigInteger.valueOf(400));
    assertThat(available()).isEqualTo(BigInteger.valueOf(400));
    assertThat(withdrawn().subtract(withdrawnBefore)).isEqualTo(BigInteger.valueOf(600));
    JsonNode listed = json(api.call("GET", "/v1/billing/refunds", write, null)).get("items");
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("txHash").asString()).isEqualTo("0x" + "1".repeat(64));
  }

  @Test
  void aFailedWithdrawalGivesTheMoneyBackAndTooMuchIs402() {
    fund(500);
    HttpResponse<String> tooMuch =
        refund(UUID.randomUUID(), "501", Map.of("type", "chain", "address", ADDRESS));
    assertProblem(tooMuch, 402);
    assertThat(json(tooMuch).get("available").asString()).isEqualTo("500");
    assertThat(json(tooMuch).get("required").asString()).isEqualTo("501");
    assertThat(available()).isEqualTo(BigInteger.valueOf(500));
    assertThat(json(api.call("GET", "/v1/billing/refunds", write, null)).get("items")).isEmpty();

    UUID id = UUID.randomUUID();
    assertThat(refund(id, "500", Map.of("type", "chain", "address", ADDRESS)).statusCode())
        .isEqualTo(201);
    assertThat(available()).isZero();
    // a confirmation that names no transaction is parked and posts nothing
    FundingApi.publish(
        WithdrawalConsumer.TOPIC,
        UUID.randomUUID().toString(),
        WithdrawalConsumer.CONFIRMED,
        id.toString(),
        Map.of("refundId", id.toString()));
    assertThat(
            BillingEvents.keyed(
                WithdrawalConsumer.TOPIC + ".DLT", id.toString(), events -> !events.isEmpty()))
        .hasSize(1);
    assertThat(status(id)).isEqualTo("pending");
    FundingApi.publish(
        WithdrawalConsumer.TOPIC,
        UUID.randomUUID().toString(),
        WithdrawalConsumer.FAILED,
        id.toString(),
        Map.of("refundId", id.toString(), "reason", "gas"));
    await().atMost(Duration.ofSeconds(30)).until(() -> status(id).equals("failed"));
    assertThat(available()).isEqualTo(BigInteger.valueOf(500));

    String broke =
        BillingTestInfra.token("t-" + UUID.randomUUID(), "billing:write", "billing:read");
    assertProblem(
        api.call(
            "POST",
            "/v1/billing/refunds",
            broke,
            json(
                Map.of(
                    "id",
                    UUID.randomUUID().toString(),
                    "amount",
                    "1",
                    "destination",
                    Map.of("type", "chain", "address", ADDRESS)))),
        402);
    for (String body :
        new String[] {
          "{\"amount\":\"5\",\"destination\":{\"type\":\"chain\",\"address\":\"" + ADDRESS + "\"}}",
          "{\"id\":\""
              + UUID.randomUUID()
              + "\",\"amount\":\"-5\",\"destination\":{\"type\":\"chain\",\"address\":\""
              + ADDRESS
              + "\"}}",
          "{\"id\":\""
              + UUID.randomUUID()
              + "\",\"amount\":\"5\",\"destination\":{\"type\":\"chain\",\"address\":\"0x12\"}}",
          "{\"id\":\""
              + UUID.randomUUID()
              + "\",\"amount\":\"5\",\"destination\":{\"type\":\"bank\"}}",
          "{\"id\":\"" + UUID.randomUUID() + "\",\"amount\":\"5\"}",
        }) {
      assertProblem(api.call("POST", "/v1/billing/refunds", write, body), 400);
    }
    assertThat(available()).isEqualTo(BigInteger.valueOf(500));
  }

  @Test
  void anOnrampRefundIsCappedByTheOrderAndResolvedByTheProvidersWebhook() {
    OnrampIntegrationTests.configureSecret(environment);
    JsonNode quote =
        json(
            api.call(
                "POST",
                "/v1/billing/onramp/quotes",
                write,
                json(Map.of("fiatCurrency", "USD", "fiatAmount", "10.00"))));
    String orderId =
        json(api.call(
                "POST",
                "/v1/billing/onramp/orders",
                write,
                json(Map.of("quoteId", quote.get("id").asString()))))
            .get("id")
            .asString();
    Map<String, Object> toOrder = Map.of("type", "onramp", "orderId", orderId);
    assertProblem(refund(UUID.randomUUID(), "1", toOrder), 409); // not paid yet
    long now = Instant.now().getEpochSecond();
    assertThat(
            OnrampIntegrationTests.webhook(
                    api,
                    WebhookSignatureTests.SECRET,
                    "msg_" + orderId,
                    now,
                    OnrampIntegrationTests.event("order.completed", orderId, "10.00", "USD"))
                .statusCode())
        .isEqualTo(200);
    BigInteger tokens = new BigInteger(quote.get("tokens").asString());
    assertThat(available()).isEqualTo(tokens);
    fund(1_000); // more than the order: the cap is the order's, not the balance's

    UUID first = UUID.randomUUID();
    assertThat(refund(first, tokens.subtract(BigInteger.TEN).toString(), toOrder).statusCode())
        .isEqualTo(201);
    HttpResponse<String> over = refund(UUID.randomUUID(), "11", toOrder);
    assertProblem(over, 409);
    assertThat(json(over).get("refundable").asString()).isEqualTo("10");

    String refunded =
        json(
            Map.of(
                "type",
                "refund.completed",
                "data",
                Map.of(
                    "orderId",
                    orderId,
                    "refundId",
                    first.toString(),
                    "fiatAmount",
                    "9.00",
                    "fiatCurrency",
                    "USD",
                    "providerReference",
                    "r-1")));
    assertThat(
            OnrampIntegrationTests.webhook(
                    api, WebhookSignatureTests.SECRET, "msg_r" + orderId, now, refunded)
                .statusCode())
        .isEqualTo(200);
    assertThat(status(first)).isEqualTo("completed");
    assertThat(available()).isEqualTo(BigInteger.valueOf(1_010));

    UUID second = UUID.randomUUID();
    assertThat(refund(second, "10", toOrder).statusCode()).isEqualTo(201);
    String failed =
        json(
            Map.of(
                "type",
                "refund.failed",
                "data",
                Map.of(
                    "orderId",
                    orderId,
                    "refundId",
                    second.toString(),
                    "fiatAmount",
                    "0.01",
                    "fiatCurrency",
                    "USD",
                    "providerReference",
                    "r-2")));
    assertThat(
            OnrampIntegrationTests.webhook(
                    api, WebhookSignatureTests.SECRET, "msg_f" + orderId, now, failed)
                .statusCode())
        .isEqualTo(200);
    assertThat(status(second)).isEqualTo("failed");
    assertThat(available()).isEqualTo(BigInteger.valueOf(1_010));
  }

  @Test
  void anAdminCreditComesFromTheTreasuryOncePerId() {
    assertThat(
            ledger.submit(
                List.of(
                    TransferRequest.posted(
                        UUID.randomUUID(),
                        Accounts.MINT,
                        Accounts.TREASURY,
                        BigInteger.valueOf(10_000),
                        "mint",
                        "test"))))
        .containsExactly(TransferResult.CREATED);
    String admin = BillingTestInfra.token("platform", "billing:admin");
    UUID id = UUID.randomUUID();
    String body =
        json(
            Map.of(
                "id",
                id.toString(),
                "tenantId",
                tenant,
                "amount",
                "250",
                "reason",
                "overcharge INC-7"));
    assertThat(api.call("POST", "/v1/billing/admin/credits", admin, body).statusCode())
        .isEqualTo(201);
    assertThat(api.call("POST", "/v1/billing/admin/credits", admin, body).statusCode())
        .isEqualTo(200);
    assertProblem(
        api.call(
            "POST",
            "/v1/billing/admin/credits",
            admin,
            json(Map.of("id", id.toString(), "tenantId", tenant, "amount", "251", "reason", "x"))),
        409);
    assertThat(available()).isEqualTo(BigInteger.valueOf(250));
    assertProblem(
        api.call(
            "POST",
            "/v1/billing/admin/credits",
            write,
            body.replace(id.toString(), UUID.randomUUID().toString())),
        403);
    assertProblem(
        api.call(
            "POST",
            "/v1/billing/admin/credits",
            admin,
            json(
                Map.of(
                    "id",
                    UUID.randomUUID().toString(),
                    "tenantId",
                    tenant,
                    "amount",
                    "1.5",
                    "reason",
                    "x"))),
        400);
    assertThat(available()).isEqualTo(BigInteger.valueOf(250));
    JsonNode history =
        json(api.call("GET", "/v1/billing/account/transfers", write, null)).get("items");
    assertThat(history.get(0).get("code").asString()).isEqualTo("refund");
    assertThat(history.get(0).get("counterparty").asString()).isEqualTo("platform:treasury");
  }

  @Test
  void anUnresolvedHoldExpiresAfterItsTimeoutAndALateConfirmationCannotPostIt() {
    fund(300);
    UUID id = UUID.randomUUID();
    HttpResponse<String> placed = refund(id, "300", Map.of("type", "chain", "address", ADDRESS));
    Instant expires = Instant.parse(json(placed).get("expiresAt").asString());
    assertThat(expires)
        .as("billing.refunds.hold-timeout defaults to 7 days")
        .isBetween(
            Instant.now().plus(Duration.ofDays(7)).minusSeconds(60),
            Instant.now().plus(Duration.ofDays(7)));
    assertThat(available()).isZero();
    jdbc.update(
        "update ledger_transfer set expires_at = now() - interval '1 second' where id = ?",
        FundingIds.refundHold(id));
    await().atMost(Duration.ofSeconds(30)).until(() -> status(id).equals("expired"));
    assertThat(available()).isEqualTo(BigInteger.valueOf(300));

    String late = UUID.randomUUID().toString();
    FundingApi.publish(
        WithdrawalConsumer.TOPIC,
        late,
        WithdrawalConsumer.CONFIRMED,
        id.toString(),
        Map.of("refundId", id.toString(), "txHash", "0x" + "2".repeat(64)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from processed_event where event_id = ?",
                        Integer.class,
                        late)
                    == 1);
    assertThat(status(id)).isEqualTo("expired");
    assertThat(available()).isEqualTo(BigInteger.valueOf(300));
  }
}
