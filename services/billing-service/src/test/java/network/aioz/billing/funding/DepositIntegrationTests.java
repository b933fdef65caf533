package network.aioz.billing.funding;

import static network.aioz.billing.funding.FundingApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import network.aioz.billing.BillingIntegrationTest;
import network.aioz.billing.BillingTestInfra;
import network.aioz.billing.ledger.Accounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@BillingIntegrationTest
class DepositIntegrationTests {

  @Value("${local.server.port}")
  int port;

  @Autowired Accounts accounts;
  @Autowired JdbcTemplate jdbc;

  private FundingApi api;
  private String tenant;

  @BeforeEach
  void setUp() {
    api = new FundingApi(port);
    tenant = "t-" + UUID.randomUUID();
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(b);
    return "0x" + HexFormat.of().formatHex(b);
  }

  private Map<String, Object> deposit(String txHash, int logIndex, String amount) {
    Map<String, Object> data = new HashMap<>();
    data.put("chainId", 168L);
    data.put("txHash", txHash);
    data.put("logIndex", logIndex);
    data.put("blockNumber", 1_000_000L);
    data.put("blockHash", hex(32));
    data.put("from", hex(20));
    data.put("tenantId", tenant);
    data.put("amount", amount);
    data.put("confirmations", 1);
    return data;
  }

  private static void publish(String eventId, Object data) {
    FundingApi.publish(DepositConsumer.TOPIC, eventId, DepositConsumer.CONFIRMED, "key", data);
  }

  private int rejections(String eventId) {
    return jdbc.queryForObject(
        "select count(*) from deposit_rejection where event_id = ?", Integer.class, eventId);
  }

  private BigInteger available() {
    return accounts.tenantBalance(tenant).available();
  }

  @Test
  void aDepositReportedManyTimesIsCreditedOnceAndAnnouncedOnce() {
    String tx = hex(32);
    String amount = "2500000000000000000";
    String eventId = UUID.randomUUID().toString();
    publish(eventId, deposit(tx, 3, amount));
    publish(eventId, deposit(tx, 3, amount)); // redelivery of the same event
    // the same log reported by a new event, with the hash in upper case
    String again = UUID.randomUUID().toString();
    publish(again, deposit("0x" + tx.substring(2).toUpperCase(), 3, amount));
    // a different log of the same transaction is another deposit
    publish(UUID.randomUUID().toString(), deposit(tx, 4, "1"));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> available().equals(new BigInteger(amount).add(BigInteger.ONE)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from processed_event where event_id = ?",
                        Integer.class,
                        again)
                    == 1);
    assertThat(available()).isEqualTo(new BigInteger("2500000000000000001"));
    assertThat(rejections(again)).isZero();

    UUID transfer = FundingIds.deposit(168, tx, 3);
    List<JsonNode> payments =
        FundingApi.events("billing.account", tenant, "network.aioz.billing.PaymentReceived", 2);
    assertThat(payments).hasSize(2);
    JsonNode first =
        payments.stream()
            .filter(p -> p.get("transferId").asString().equals(transfer.toString()))
            .findFirst()
            .orElseThrow();
    assertThat(first.get("amount").asString()).isEqualTo(amount);
    assertThat(first.get("source").asString()).isEqualTo("deposit");

    String read = BillingTestInfra.token(tenant, "billing:read");
    JsonNode listed = json(api.call("GET", "/v1/billing/deposits", read, null)).get("items");
    assertThat(listed).hasSize(2);
    assertThat(listed.findValuesAsString("txHash")).containsOnly(tx);
    assertThat(listed.findValuesAsString("amount")).containsExactlyInAnyOrder(amount, "1");
    JsonNode history =
        json(api.call("GET", "/v1/billing/account/transfers", read, null)).get("items");
    assertThat(history.findValuesAsString("reference")).contains("168:" + tx + ":3");
    assertThat(history.findValuesAsString("code")).containsOnly("deposit");

    String other = BillingTestInfra.token("t-" + UUID.randomUUID(), "billing:read");
    assertThat(json(api.call("GET", "/v1/billing/deposits", other, null)).get("items")).isEmpty();
    assertThat(api.call("GET", "/v1/billing/deposits", null, null).statusCode()).isEqualTo(401);
  }

  @Test
  void aConflictingSecondReportCreditsNothingAndIsRecorded() {
    String tx = hex(32);
    publish(UUID.randomUUID().toString(), deposit(tx, 0, "700"));
    await().atMost(Duration.ofSeconds(30)).until(() -> available().equals(BigInteger.valueOf(700)));

    String otherAmount = UUID.randomUUID().toString();
    publish(otherAmount, deposit(tx, 0, "900"));
    String thief = "t-" + UUID.randomUUID();
    Map<String, Object> toOther = deposit(tx, 0, "700");
    toOther.put("tenantId", thief);
    String otherTenant = UUID.randomUUID().toString();
    publish(otherTenant, toOther);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> rejections(otherAmount) == 1 && rejections(otherTenant) == 1);
    assertThat(
            jdbc.queryForObject(
                "select kind from deposit_rejection where event_id = ?", String.class, otherTenant))
        .isEqualTo("conflict");
    assertThat(available()).isEqualTo(BigInteger.valueOf(700));
    assertThat(accounts.tenantBalance(thief).available()).isZero();
  }

  @Test
  void invalidReportsChangeNothingAndTheConsumerGoesOn() {
    Map<String, Map<String, Object>> bad = new HashMap<>();
    bad.put("negative", deposit(hex(32), 0, "-5"));
    bad.put("fractional", deposit(hex(32), 0, "1.5"));
    bad.put("zero", deposit(hex(32), 0, "0"));
    bad.put("number", deposit(hex(32), 0, "x"));
    bad.get("number").put("amount", 5);
    bad.put("short hash", deposit("0x1234", 0, "5"));
    bad.put("bad address", deposit(hex(32), 0, "5"));
    bad.get("bad address").put("from", "0xnothex");
    bad.put("no tenant", deposit(hex(32), 0, "5"));
    bad.get("no tenant").remove("tenantId");
    bad.put("negative log", deposit(hex(32), -1, "5"));
    bad.put("too large", deposit(hex(32), 0, "9".repeat(78)));
    Map<String, String> eventIds = new HashMap<>();
    bad.forEach(
        (name, data) -> {
          String id = UUID.randomUUID().toString();
          eventIds.put(name, id);
          publish(id, data);
        });
    FundingApi.publish(
        DepositConsumer.TOPIC, UUID.randomUUID().toString(), DepositConsumer.CONFIRMED, "k", "[]");
    String good = UUID.randomUUID().toString();
    publish(good, deposit(hex(32), 0, "42"));

    await().atMost(Duration.ofSeconds(30)).until(() -> available().equals(BigInteger.valueOf(42)));
    eventIds.forEach((name, id) -> assertThat(rejections(id)).as(name).isEqualTo(1));
    assertThat(
            jdbc.queryForObject(
                "select count(*) from deposit where tenant_id = ?", Integer.class, tenant))
        .isEqualTo(1);
  }
}
