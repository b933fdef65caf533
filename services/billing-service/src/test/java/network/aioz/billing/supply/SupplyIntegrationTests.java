package network.aioz.billing.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import network.aioz.billing.BillingEvents;
import network.aioz.billing.BillingIntegrationTest;
import network.aioz.billing.ledger.Accounts;
import network.aioz.infra.SharedInfra;
import network.aioz.shared.event.KafkaCloudEvents;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Period settlement against the hand-computed example of ECONOMICS.md: one day of 2027 at 5 % on
 * 10^27 base units mints 136,986,301,369,863,013,698,630. This class is the only one that settles
 * supply in the shared database, so its periods form the chain of reports.
 */
@BillingIntegrationTest
class SupplyIntegrationTests {

  private static final BigInteger TOKEN = BigInteger.TEN.pow(18);
  private static final Instant MARCH_1 = Instant.parse("2027-03-01T00:00:00Z");
  private static final Instant MARCH_2 = Instant.parse("2027-03-02T00:00:00Z");
  private static final Instant MARCH_3 = Instant.parse("2027-03-03T00:00:00Z");

  @Value("${local.server.port}")
  int port;

  @Autowired SupplyBook book;
  @Autowired Accounts accounts;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aPeriodMintsBurnsAndReportsExactlyOnceAndPeriodsChainInOrder() throws Exception {
    publishFees(MARCH_1.plusSeconds(60), 7, "2000000000000000000000000"); // 2,000,000 tokens
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from chain_fee where block_number = 7", Integer.class)
                    == 1);
    publishFees(MARCH_1.plusSeconds(60), 7, "2000000000000000000000000"); // redelivered

    BigInteger validators = available(Accounts.VALIDATORS);
    BigInteger treasury = available(Accounts.TREASURY);
    BigInteger burned = posted(Accounts.BURN);

    PeriodIncome income =
        new PeriodIncome(
            "sim-2027-03-01",
            MARCH_1,
            MARCH_2,
            Map.of(
                "storage", TOKEN.multiply(BigInteger.valueOf(1000)), "ai", BigInteger.valueOf(999)),
            Map.of("edges", BigInteger.ONE));
    SupplyBook.Report report = book.settle(income);

    BigInteger minted = new BigInteger("136986301369863013698630");
    assertThat(report.supplyAtStart()).isEqualTo(TOKEN.multiply(BigInteger.TEN.pow(9)).toString());
    assertThat(report.minted()).isEqualTo(minted.toString());
    assertThat(report.mintedToValidators()).isEqualTo(minted.shiftRight(1).toString());
    assertThat(report.chainFees()).isEqualTo("2000000000000000000000000");
    // 0.50 · 2,000,000 tokens on chain; 0.05 · (1000 tokens + 999 units) in the ledger
    assertThat(report.burned().get("chainFees")).isEqualTo("1000000000000000000000000");
    BigInteger revenueBurn = TOKEN.multiply(BigInteger.valueOf(50)).add(BigInteger.valueOf(49));
    assertThat(report.burned().get("depinRevenue")).isEqualTo(revenueBurn.toString());
    assertThat(report.burnedInLedger()).isEqualTo(revenueBurn.toString());
    BigInteger totalBurn = new BigInteger("1000000000000000000000000").add(revenueBurn);
    assertThat(report.burnedTotal()).isEqualTo(totalBurn.toString());
    assertThat(new BigInteger(report.supplyAtEnd()))
        .isEqualTo(TOKEN.multiply(BigInteger.TEN.pow(9)).add(minted).subtract(totalBurn));

    assertThat(available(Accounts.VALIDATORS).subtract(validators)).isEqualTo(minted.shiftRight(1));
    assertThat(available(Accounts.TREASURY).subtract(treasury))
        .isEqualTo(minted.subtract(minted.shiftRight(1)).subtract(revenueBurn));
    assertThat(posted(Accounts.BURN).subtract(burned)).isEqualTo(revenueBurn);

    assertThat(book.settle(income)).as("settled once").isEqualTo(report);
    assertThat(available(Accounts.VALIDATORS).subtract(validators)).isEqualTo(minted.shiftRight(1));

    assertThatThrownBy(
            () ->
                book.settle(
                    new PeriodIncome(
                        "sim-2027-03-03",
                        MARCH_3,
                        MARCH_3.plusSeconds(86_400),
                        Map.of(),
                        Map.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ends at " + MARCH_2);

    // a fee reported late for the settled day counts in the next period
    publishFees(MARCH_1.plusSeconds(120), 8, "10");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from chain_fee where block_number = 8", Integer.class)
                    == 1);
    SupplyBook.Report next =
        book.settle(new PeriodIncome("sim-2027-03-02", MARCH_2, MARCH_3, Map.of(), Map.of()));
    assertThat(next.supplyAtStart()).isEqualTo(report.supplyAtEnd());
    assertThat(next.chainFees()).isEqualTo("10");
    assertThat(next.burned().get("chainFees")).isEqualTo("5");

    assertThat(
            BillingEvents.ofType(
                BillingEvents.keyed(
                    SupplyBook.TOPIC,
                    "sim-2027-03-01",
                    events -> !BillingEvents.ofType(events, SupplyBook.SETTLED).isEmpty()),
                SupplyBook.SETTLED))
        .hasSize(1);

    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> one =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/v1/billing/supply/sim-2027-03-01"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(one.statusCode()).as("public, no identity").isEqualTo(200);
    JsonNode body = JsonMapper.builder().build().readTree(one.body());
    assertThat(body.get("minted").asString()).isEqualTo(minted.toString());
    assertThat(
            http.send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/v1/billing/supply/nope"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(404);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/v1/billing/supply?limit=0"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void aMalformedFeeReportIsParkedAtOnceAndTheNextOneCounts() throws Exception {
    long before = System.nanoTime();
    publishFees(Instant.parse("2030-01-01T00:00:00Z"), 9_001, "-5"); // no whole number
    publishFees(Instant.parse("2030-01-01T00:00:00Z"), 9_002, "12");
    try (var consumer = SharedInfra.eventConsumer("fees-dlt")) {
      consumer.subscribe(java.util.List.of(ChainFeesListener.TOPIC + ".DLT"));
      java.util.List<String> parked = new java.util.ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                consumer
                    .poll(Duration.ofMillis(200))
                    .forEach(r -> parked.add(new String(r.value(), StandardCharsets.UTF_8)));
                assertThat(parked).anyMatch(v -> v.contains("9001"));
              });
    }
    // parked without the 60 s of retries a failing record gets
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(20));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from chain_fee where block_number = 9002", Integer.class)
                    == 1);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from chain_fee where block_number = 9001", Integer.class))
        .isZero();
  }

  private BigInteger available(String account) {
    return accounts.balance(account).orElseThrow().posted();
  }

  private BigInteger posted(String account) {
    return accounts.balance(account).orElseThrow().creditsPosted();
  }

  private static void publishFees(Instant blockTime, long block, String fees) throws Exception {
    try (KafkaProducer<String, byte[]> producer = SharedInfra.eventProducer()) {
      String data =
          "{\"chainId\":168,\"blockNumber\":"
              + block
              + ",\"blockTime\":\""
              + blockTime
              + "\",\"fees\":\""
              + fees
              + "\"}";
      producer
          .send(
              KafkaCloudEvents.toRecord(
                  ChainFeesListener.TOPIC,
                  KafkaCloudEvents.event(
                      UUID.randomUUID().toString(),
                      URI.create("urn:test:chain-adapter"),
                      ChainFeesListener.REPORTED,
                      "168",
                      java.time.OffsetDateTime.now(),
                      data.getBytes(StandardCharsets.UTF_8))))
          .get();
    }
  }
}
