package network.aioz.billing.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import network.aioz.billing.BillingEvents;
import network.aioz.billing.BillingIntegrationTest;
import network.aioz.billing.TopUps;
import network.aioz.billing.economics.EdgeEpochWork;
import network.aioz.billing.economics.EpochRewards;
import network.aioz.billing.economics.RewardPolicy;
import network.aioz.billing.economics.RewardTree;
import network.aioz.billing.economics.WorkProved;
import network.aioz.billing.ledger.Accounts;
import network.aioz.billing.ledger.Ledger;
import network.aioz.billing.ledger.TransferRequest;
import network.aioz.billing.ledger.TransferResult;
import network.aioz.billing.metering.Charging;
import network.aioz.billing.metering.Ingestion;
import network.aioz.billing.metering.UsageEventFixtures;
import network.aioz.infra.SharedInfra;
import network.aioz.shared.amount.TokenAmount;
import network.aioz.shared.event.KafkaCloudEvents;
import network.aioz.shared.merkle.Bytes32;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A sealed epoch published to Kafka by "the task ledger" pays the edges' pool exactly, once, and
 * every paid edge can prove its leaf against the root.
 */
@BillingIntegrationTest
class RewardEpochIntegrationTests {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final SecureRandom RANDOM = new SecureRandom();

  @Value("${local.server.port}")
  int port;

  @Autowired Ledger ledger;
  @Autowired Accounts accounts;
  @Autowired JdbcTemplate jdbc;
  @Autowired Ingestion ingestion;
  @Autowired Charging charging;

  private static String randomAddress() {
    byte[] bytes = new byte[20];
    RANDOM.nextBytes(bytes);
    return "0x" + HexFormat.of().formatHex(bytes);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode getOk(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  @Test
  void aSealedEpochPaysThePoolExactlyOnceAndEveryLeafProves() throws Exception {
    long epoch = 1_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    String a = randomAddress();
    String b = randomAddress();
    String ejected = randomAddress();
    String idle = randomAddress();
    BigInteger funded = new BigInteger("1000000000000000007");
    assertThat(
            ledger.submit(
                List.of(
                    TransferRequest.posted(
                        UUID.randomUUID(),
                        Accounts.DEV_TOP_UP,
                        Accounts.EDGES,
                        funded,
                        "split",
                        "test:edges-share"))))
        .containsExactly(TransferResult.CREATED);

    Instant start = Instant.parse("2026-03-01T10:00:00Z");
    String data =
        """
        {"epoch":%d,"startsAt":"%s","endsAt":"%s","root":"0x%s","receiptCount":6,"sealedAt":"%s",
         "nodeTotals":[
           {"nodeAddress":"%s","kind":"STORE","tasks":2,"units":7200000},
           {"nodeAddress":"%s","kind":"PIN","tasks":1,"units":3599},
           {"nodeAddress":"%s","kind":"DELIVER","tasks":1,"units":5000000},
           {"nodeAddress":"%s","kind":"TRANSCODE","tasks":1,"units":119},
           {"nodeAddress":"%s","kind":"INFER","tasks":1,"units":10},
           {"nodeAddress":"%s","kind":"STORE","tasks":1,"units":1000000000000}],
         "nodeStats":[
           {"nodeAddress":"%s","tasksAssigned":4,"tasksCompleted":3,"faults":0,"uptimeSeconds":3600,"status":"ACTIVE"},
           {"nodeAddress":"%s","tasksAssigned":2,"tasksCompleted":1,"faults":2,"uptimeSeconds":3000,"status":"ACTIVE"},
           {"nodeAddress":"%s","tasksAssigned":1,"tasksCompleted":1,"faults":9,"uptimeSeconds":3600,"status":"EJECTED"},
           {"nodeAddress":"%s","tasksAssigned":0,"tasksCompleted":0,"faults":0,"uptimeSeconds":3599,"status":"VETTING"}]}
        """
            .formatted(
                epoch,
                start,
                start.plusSeconds(3600),
                "ab".repeat(32),
                start.plusSeconds(3605),
                a,
                a,
                a,
                b,
                b,
                ejected,
                a,
                b,
                ejected,
                idle);
    String eventId = UUID.randomUUID().toString();
    try (KafkaProducer<String, byte[]> producer = producer()) {
      publish(producer, eventId, epoch, data);
      publish(producer, eventId, epoch, data); // redelivered
      publish(producer, UUID.randomUUID().toString(), epoch, data); // sealed epoch sent again
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> get("/v1/billing/rewards/epochs/" + epoch).statusCode() == 200);
    JsonNode sealed = getOk("/v1/billing/rewards/epochs/" + epoch);
    BigInteger pool = new BigInteger(sealed.get("pool").asString());
    BigInteger total = new BigInteger(sealed.get("total").asString());
    BigInteger unallocated = new BigInteger(sealed.get("unallocated").asString());
    assertThat(pool).isGreaterThanOrEqualTo(funded);
    assertThat(total.add(unallocated)).isEqualTo(pool);
    assertThat(sealed.get("edges").asInt()).as("the ejected node is left out").isEqualTo(3);

    // the same numbers by hand: 7,203,599 bytes held for the one-hour epoch = 7,203,599 byte-hours,
    // transcode 119 s = 1 min
    EpochRewards expected =
        RewardPolicy.DEFAULT.rewards(
            epoch,
            3600,
            TokenAmount.ofBaseUnits(pool),
            List.of(
                new EdgeEpochWork(a, new WorkProved(7_203_599, 5_000_000, 0, 0, 3600), 4, 3, 0),
                new EdgeEpochWork(b, new WorkProved(0, 0, 1, 10, 3000), 2, 1, 2),
                new EdgeEpochWork(idle, new WorkProved(0, 0, 0, 0, 3599), 0, 0, 0)));
    assertThat(unallocated).isEqualTo(expected.unallocated().baseUnits());
    RewardTree tree = RewardTree.of(expected);
    assertThat(sealed.get("root").asString()).isEqualTo(tree.root().toHex());

    // redeliveries are processed (or skipped) by now: nothing more was paid
    Thread.sleep(1500);
    Map<String, TokenAmount> payouts = expected.payouts();
    BigInteger paidOut = BigInteger.ZERO;
    for (Map.Entry<String, TokenAmount> payout : payouts.entrySet()) {
      BigInteger balance =
          accounts
              .balance(Rewards.edgeAccount(payout.getKey()))
              .map(Accounts.Balance::available)
              .orElse(BigInteger.ZERO);
      assertThat(balance)
          .as("balance of " + payout.getKey())
          .isEqualTo(payout.getValue().baseUnits());
      paidOut = paidOut.add(balance);
    }
    assertThat(paidOut).isEqualTo(total);
    assertThat(payouts.get(a).baseUnits()).isPositive();
    assertThat(
            jdbc.queryForObject(
                "select coalesce(sum(amount), 0) from ledger_transfer where code = 'reward'"
                    + " and reference = ? and debit_account = ?",
                BigInteger.class,
                "epoch:" + epoch,
                Accounts.EDGES))
        .isEqualTo(total);
    assertThat(accounts.totals().balanced()).as("Σdebits = Σcredits").isTrue();
    assertThat(accounts.balance(Rewards.edgeAccount(ejected))).isEmpty();

    JsonNode claim =
        getOk(
            "/v1/billing/rewards/epochs/"
                + epoch
                + "/edges/"
                + a.toUpperCase().replace("0X", "0x"));
    assertThat(claim.at("/statement/work/storageByteHours").asLong()).isEqualTo(7_203_599);
    assertThat(claim.at("/statement/work/tasksCompleted").asLong()).isEqualTo(3);
    assertThat(claim.at("/statement/qualityScoreDisplay").asString())
        .isEqualTo(
            expected.statements().stream()
                .filter(s -> s.address().equals(a))
                .findFirst()
                .orElseThrow()
                .qualityScoreDisplay());
    TokenAmount amount =
        TokenAmount.ofBaseUnits(new BigInteger(claim.at("/leaf/amount").asString()));
    assertThat(amount).isEqualTo(payouts.get(a));
    List<Bytes32> proof =
        claim.get("proof").valueStream().map(p -> Bytes32.fromHex(p.asString())).toList();
    Bytes32 root = Bytes32.fromHex(claim.get("root").asString());
    assertThat(RewardTree.verify(root, epoch, a, amount, proof)).isTrue();
    assertThat(RewardTree.verify(root, epoch, a, amount.plus(TokenAmount.ofBaseUnits(1)), proof))
        .isFalse();
    assertThat(claim.get("leafHash").asString())
        .isEqualTo(RewardTree.leafHash(epoch, a, amount).toHex());
    JsonNode claimB = getOk("/v1/billing/rewards/epochs/" + epoch + "/edges/" + b);
    assertThat(
            RewardTree.verify(
                root,
                epoch,
                b,
                TokenAmount.ofBaseUnits(new BigInteger(claimB.at("/leaf/amount").asString())),
                claimB.get("proof").valueStream().map(p -> Bytes32.fromHex(p.asString())).toList()))
        .isTrue();

    JsonNode history = getOk("/v1/billing/rewards/edges/" + a);
    assertThat(history.get("balance").asString()).isEqualTo(payouts.get(a).baseUnits().toString());
    assertThat(history.get("statements")).hasSize(1);
    assertThat(history.at("/statements/0/epoch").asLong()).isEqualTo(epoch);

    assertRewardsSealedOnce(epoch, sealed);
  }

  @Test
  void eachSealedEpochReportsExactlyTheFeesChargedAndBurnedSinceThePreviousOne() throws Exception {
    // what earlier tests left chargeable is charged before the first snapshot, not during this test
    charging.run();
    long first = 2_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    sealEpoch(first, UUID.randomUUID().toString());

    String tenant = "t-" + UUID.randomUUID();
    String creator = "c-" + UUID.randomUUID();
    TopUps.topUp(ledger, accounts, tenant, new BigInteger("5000000000000000000"));
    ingestion.record(
        UsageEventFixtures.poll(
            UsageEventFixtures.usage(
                tenant,
                "ai",
                "inference-unit",
                "1234",
                UsageEventFixtures.ownMonth(),
                creator,
                null)));
    charging.run();
    BigInteger burned = new BigInteger("777000000000000001");
    assertThat(
            ledger.submit(
                List.of(
                    TransferRequest.posted(
                        UUID.randomUUID(),
                        Accounts.DEV_TOP_UP,
                        Accounts.BURN,
                        burned,
                        "burn",
                        "test:revenue-burn"))))
        .containsExactly(TransferResult.CREATED);
    Map<String, Object> charged =
        jdbc.queryForMap(
            "select charged, paid_creator, paid_edges, paid_validators, paid_treasury"
                + " from metering_usage where tenant_id = ?",
            tenant);
    // ai inference units at 0.001 AIOZ, split by ai-v1 with the creator's 10%
    BigInteger price = new BigInteger("1234000000000000000");
    assertThat(amount(charged, "charged")).isEqualTo(price);
    assertThat(amount(charged, "paid_creator")).isEqualTo(price.divide(BigInteger.TEN));

    long second = first + 1;
    String secondEventId = UUID.randomUUID().toString();
    JsonNode sealed = sealEpoch(second, secondEventId);
    JsonNode fees = sealed.get("fees");
    assertThat(fees.get("creators").asString())
        .isEqualTo(amount(charged, "paid_creator").toString());
    assertThat(fees.get("edges").asString()).isEqualTo(amount(charged, "paid_edges").toString());
    assertThat(fees.get("validators").asString())
        .isEqualTo(amount(charged, "paid_validators").toString());
    assertThat(fees.get("treasury").asString())
        .isEqualTo(amount(charged, "paid_treasury").toString());
    assertThat(fees.get("burned").asString()).isEqualTo(burned.toString());
    assertThat(
            fee(fees, "creators")
                .add(fee(fees, "edges"))
                .add(fee(fees, "validators"))
                .add(fee(fees, "treasury")))
        .as("the parts of the one charge since the previous epoch, exactly")
        .isEqualTo(price);
    assertThat(assertRewardsSealedOnce(second, sealed).get("fees")).isEqualTo(fees);

    JsonNode quiet = sealEpoch(second + 1, UUID.randomUUID().toString()).get("fees");
    for (String party : List.of("creators", "edges", "validators", "treasury", "burned")) {
      assertThat(quiet.get(party).asString()).as(party + " with nothing new").isEqualTo("0");
    }

    // replayed: the same event again, and the same epoch under another event id
    publishEpoch(second, secondEventId);
    String replayId = UUID.randomUUID().toString();
    publishEpoch(second, replayId);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from processed_event where consumer = ? and event_id = ?",
                        Long.class,
                        EpochSealedListener.CONSUMER,
                        replayId)
                    == 1);
    assertThat(getOk("/v1/billing/rewards/epochs/" + second)).isEqualTo(sealed);
    assertRewardsSealedOnce(second, sealed);

    // every unit in exactly one epoch: the epochs' fees add up to the cumulative totals
    Map<String, Object> perEpoch =
        jdbc.queryForMap(
            "select sum(fees_creators) as creators, sum(fees_edges) as edges,"
                + " sum(fees_validators) as validators, sum(fees_treasury) as treasury,"
                + " sum(fees_burned) as burned from reward_epoch");
    Map<String, Object> cumulative =
        jdbc.queryForMap(
            "select sum(paid_creator) as creators, sum(paid_edges) as edges,"
                + " sum(paid_validators) as validators, sum(paid_treasury) as treasury,"
                + " (select credits_posted from ledger_account where id = ?) as burned"
                + " from metering_usage",
            Accounts.BURN);
    assertThat(perEpoch).isEqualTo(cumulative);
  }

  @Test
  void unknownOrMalformedEpochsAndEdgesAreProblems() throws Exception {
    String unknown = randomAddress();
    for (var probe :
        List.of(
            Map.entry("/v1/billing/rewards/epochs/abc", 400),
            Map.entry("/v1/billing/rewards/epochs/-1", 400),
            Map.entry("/v1/billing/rewards/epochs/99999999999999999999", 400),
            Map.entry("/v1/billing/rewards/epochs/" + (Long.MAX_VALUE / 2), 404),
            Map.entry("/v1/billing/rewards/epochs/1/edges/0x1234", 400),
            Map.entry(
                "/v1/billing/rewards/epochs/" + (Long.MAX_VALUE / 2) + "/edges/" + unknown, 404),
            Map.entry("/v1/billing/rewards/edges/not-an-address", 400),
            Map.entry("/v1/billing/rewards/edges/" + unknown, 404),
            Map.entry("/v1/billing/rewards/edges/" + unknown + "?limit=0", 400))) {
      HttpResponse<String> response = get(probe.getKey());
      assertThat(response.statusCode())
          .as(probe.getKey() + ": " + response.body())
          .isEqualTo(probe.getValue());
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      assertThat(response.body()).doesNotContain("Exception");
    }
  }

  /** The one RewardsSealed of the epoch agrees with the epoch's API view; it is returned. */
  private static JsonNode assertRewardsSealedOnce(long epoch, JsonNode sealed) {
    List<CloudEvent> seen =
        BillingEvents.keyed(Rewards.TOPIC, Long.toString(epoch), events -> !events.isEmpty());
    assertThat(BillingEvents.types(seen)).containsExactly(Rewards.SEALED);
    JsonNode event = JSON.readTree(KafkaCloudEvents.data(seen.getFirst()));
    assertThat(event.get("epoch").asLong()).isEqualTo(epoch);
    assertThat(event.get("root").asString()).isEqualTo(sealed.get("root").asString());
    assertThat(event.get("total").asString()).isEqualTo(sealed.get("total").asString());
    assertThat(event.get("pool").asString()).isEqualTo(sealed.get("pool").asString());
    assertThat(event.get("unallocated").asString()).isEqualTo(sealed.get("unallocated").asString());
    assertThat(event.get("edges").asInt()).isEqualTo(sealed.get("paidEdges").asInt());
    assertThat(event.has("sealedAt")).isTrue();
    assertThat(event.get("fees")).isEqualTo(sealed.get("fees"));
    return event;
  }

  private static BigInteger amount(Map<String, Object> row, String column) {
    return ((java.math.BigDecimal) row.get(column)).toBigIntegerExact();
  }

  private static BigInteger fee(JsonNode fees, String party) {
    return new BigInteger(fees.get(party).asString());
  }

  /** Publishes a one-hour sealed epoch without work, as the task ledger would. */
  private static void publishEpoch(long epoch, String eventId) {
    Instant start = Instant.parse("2026-04-01T10:00:00Z");
    String data =
        """
        {"epoch":%d,"startsAt":"%s","endsAt":"%s","root":"0x%s","nodeTotals":[],"nodeStats":[]}
        """
            .formatted(epoch, start, start.plusSeconds(3600), "cd".repeat(32));
    try (KafkaProducer<String, byte[]> producer = producer()) {
      publish(producer, eventId, epoch, data);
    }
  }

  /** Publishes the epoch and waits until billing paid it; its API view. */
  private JsonNode sealEpoch(long epoch, String eventId) throws Exception {
    publishEpoch(epoch, eventId);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> get("/v1/billing/rewards/epochs/" + epoch).statusCode() == 200);
    return getOk("/v1/billing/rewards/epochs/" + epoch);
  }

  private static KafkaProducer<String, byte[]> producer() {
    return SharedInfra.eventProducer();
  }

  private static void publish(
      KafkaProducer<String, byte[]> producer, String id, long epoch, String data) {
    CloudEvent event =
        KafkaCloudEvents.event(
            id,
            URI.create("urn:aioz:ledger-service"),
            EpochSealed.TYPE,
            Long.toString(epoch),
            OffsetDateTime.now(),
            data.getBytes(StandardCharsets.UTF_8));
    producer.send(KafkaCloudEvents.toRecord(EpochSealed.TOPIC, event));
    producer.flush();
  }
}
