package network.aioz.billing.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import network.aioz.billing.account.Obligations;
import network.aioz.billing.account.Standing;
import network.aioz.billing.funding.Deposits;
import network.aioz.billing.ledger.Accounts;
import network.aioz.billing.ledger.Ledger;
import network.aioz.billing.ledger.TransferRequest;
import network.aioz.billing.ledger.TransferResult;
import network.aioz.billing.metering.Charging;
import network.aioz.billing.metering.Ingestion;
import network.aioz.billing.metering.PeriodCloser;
import network.aioz.billing.reward.EpochSealed;
import network.aioz.billing.reward.Rewards;
import network.aioz.billing.supply.SupplyBook;
import network.aioz.infra.MutableClock;
import network.aioz.shared.event.KafkaCloudEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One seeded run in the spirit of TigerBeetle's VOPR: a random but reproducible interleaving of
 * top-ups, retries, holds, voids, expiries, period settlements and process crashes — a crash either
 * rolls back the step's transaction at its very end (the step is then retried, as a client or a
 * Kafka redelivery would) or hits after the commit (the step runs twice) or kills the whole process
 * (a new one starts on the same database). Every invariant is checked after every step; the same
 * seed replays the same run.
 */
final class Simulation {

  static final BigInteger TOKEN = BigInteger.TEN.pow(18);
  static final Instant GENESIS = Instant.parse("2027-01-01T00:00:00Z");
  static final Duration PERIOD = Duration.ofHours(1);

  private final long seed;
  private final Random random;
  private final MutableClock clock = new MutableClock(GENESIS);
  private final String database;
  private final List<String> tenants = new ArrayList<>();
  private final StringBuilder trace = new StringBuilder();
  private BillingProcess process;
  private int step;

  // the model: what must be true whatever crashed
  private final Map<String, BigInteger> credited = new TreeMap<>();
  private final Map<UUID, BigInteger> topUps = new LinkedHashMap<>();
  private final Map<UUID, String> topUpTenant = new LinkedHashMap<>();
  private final Map<UUID, Hold> openHolds = new LinkedHashMap<>();
  private final Map<String, BigInteger> spentOnHolds = new TreeMap<>();
  private Instant settledUpTo = GENESIS;
  // usage: accepted quantity per aggregate (tenant|period|creator), events already sent, closed
  // periods
  private final Map<String, BigInteger> usage = new TreeMap<>();
  private final List<CloudEvent> sentUsage = new ArrayList<>();
  private final java.util.Set<String> closedPeriods = new java.util.HashSet<>();
  private long offset;
  // deposits as the chain adapter reports them, and the ledger epochs sealed so far
  private final Map<String, BigInteger> deposited = new TreeMap<>();
  private final List<Map<String, Object>> deposits = new ArrayList<>();
  private long epochs;
  private static final List<String> EDGES =
      List.of(
          "0x00000000000000000000000000000000000000e1",
          "0x00000000000000000000000000000000000000e2",
          "0x00000000000000000000000000000000000000e3");

  /** 0.001 AIOZ per inference unit (price book version 1). */
  static final BigInteger PRICE_PER_UNIT = BigInteger.TEN.pow(15);

  private record Hold(String tenant, BigInteger amount, Instant expiresAt) {}

  Simulation(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
    this.database = "billing_sim_" + Long.toUnsignedString(seed, 36) + "_" + System.nanoTime();
    for (int i = 0; i < 4; i++) {
      tenants.add("sim-" + Long.toUnsignedString(seed, 36) + "-" + i);
    }
  }

  /** Runs {@code steps} steps; throws with the trace of the run when an invariant breaks. */
  void run(int steps) {
    process = start();
    try {
      for (step = 1; step <= steps; step++) {
        act();
        check();
      }
      System.out.println(
          "billing simulation: seed " + seed + " passed " + steps + " steps: " + summary());
    } catch (Throwable failure) {
      throw new AssertionError(
          "billing simulation seed "
              + seed
              + " failed at step "
              + step
              + "; replay: ./mvnw -o test -pl services/billing-service"
              + " -Dtest=BillingSimulationIntegrationTests -Dbilling.sim.seed="
              + seed
              + "\n--- trace (last steps) ---\n"
              + tail(trace.toString()),
          failure);
    } finally {
      process.close();
    }
  }

  private BillingProcess start() {
    return new BillingProcess(
        database,
        clock,
        Map.of("billing.periods.length", "PT1H", "billing.periods.auto-close", "false"));
  }

  private void act() {
    int dice = random.nextInt(100);
    if (dice < 13) {
      topUp();
    } else if (dice < 17) {
      deposit();
    } else if (dice < 19) {
      redeliverDeposit();
    } else if (dice < 22) {
      retryTopUp();
    } else if (dice < 34) {
      hold();
    } else if (dice < 40) {
      postHold();
    } else if (dice < 45) {
      voidHold();
    } else if (dice < 63) {
      recordUsage();
    } else if (dice < 67) {
      redeliverUsage();
    } else if (dice < 77) {
      chargeRun();
    } else if (dice < 90) {
      advanceClock();
    } else if (dice < 96) {
      closePeriod();
    } else if (dice < 99) {
      sealEpoch();
    } else {
      restart();
    }
  }

  // ---- steps ----

  private void topUp() {
    String tenant = pick(tenants);
    BigInteger amount = amount();
    UUID id = new UUID(random.nextLong(), random.nextLong());
    log("top-up " + tenant + " " + amount + " " + id);
    topUps.put(id, amount);
    topUpTenant.put(id, tenant);
    credited.merge(tenant, amount, BigInteger::add);
    String account = Accounts.tenantAccount(tenant);
    faulty(
        () -> {
          bean(Accounts.class).openTenant(tenant);
          TransferResult result =
              ledger()
                  .submit(
                      List.of(
                          TransferRequest.posted(
                              id, Accounts.DEV_TOP_UP, account, amount, "top_up", "sim")))
                  .getFirst();
          assertThat(result.ok()).as("top-up " + id).isTrue();
          return null;
        });
  }

  private void retryTopUp() {
    if (topUps.isEmpty()) {
      return;
    }
    UUID id = pick(new ArrayList<>(topUps.keySet()));
    String tenant = topUpTenant.get(id);
    log("retry top-up " + id);
    TransferResult result =
        ledger()
            .submit(
                List.of(
                    TransferRequest.posted(
                        id,
                        Accounts.DEV_TOP_UP,
                        Accounts.tenantAccount(tenant),
                        topUps.get(id),
                        "top_up",
                        "sim")))
            .getFirst();
    assertThat(result).isEqualTo(TransferResult.EXISTS);
  }

  private void hold() {
    String tenant = pick(tenants);
    BigInteger available = bean(Accounts.class).tenantBalance(tenant).available();
    BigInteger amount = amount();
    UUID id = new UUID(random.nextLong(), random.nextLong());
    Duration timeout = Duration.ofMinutes(1 + random.nextInt(90));
    log("hold " + tenant + " " + amount + " of " + available + " for " + timeout);
    TransferResult result =
        faulty(
            () ->
                ledger()
                    .submit(
                        List.of(
                            TransferRequest.pending(
                                id,
                                Accounts.tenantAccount(tenant),
                                Accounts.REVENUE,
                                amount,
                                "hold",
                                timeout,
                                "sim")))
                    .getFirst());
    if (amount.compareTo(available) <= 0) {
      assertThat(result.ok()).as("a hold the balance covers").isTrue();
      openHolds.put(id, new Hold(tenant, amount, clock.instant().plus(timeout)));
    } else {
      assertThat(result)
          .as("a hold beyond the balance")
          .isIn(TransferResult.EXCEEDS_CREDITS, TransferResult.DEBIT_ACCOUNT_NOT_FOUND);
    }
  }

  private void postHold() {
    if (openHolds.isEmpty()) {
      return;
    }
    UUID id = pick(new ArrayList<>(openHolds.keySet()));
    Hold hold = openHolds.get(id);
    BigInteger amount =
        new BigInteger(hold.amount().bitLength(), random).mod(hold.amount()).add(BigInteger.ONE);
    log("post hold " + id + " " + amount + " of " + hold.amount());
    UUID postId = new UUID(random.nextLong(), random.nextLong());
    TransferResult result =
        faulty(
            () ->
                ledger()
                    .submit(
                        List.of(
                            TransferRequest.post(postId, id, amount),
                            // the posted price, split like a charge would be: revenue keeps nothing
                            TransferRequest.posted(
                                new UUID(
                                    postId.getMostSignificantBits(),
                                    ~postId.getLeastSignificantBits()),
                                Accounts.REVENUE,
                                Accounts.EDGES,
                                amount,
                                "split",
                                "sim")),
                        true)
                    .getFirst());
    assertThat(result.ok()).as("posting an open hold").isTrue();
    openHolds.remove(id);
    spentOnHolds.merge(hold.tenant(), amount, BigInteger::add);
  }

  private void voidHold() {
    if (openHolds.isEmpty()) {
      return;
    }
    UUID id = pick(new ArrayList<>(openHolds.keySet()));
    log("void hold " + id);
    UUID voidId = new UUID(random.nextLong(), random.nextLong());
    TransferResult result =
        faulty(() -> ledger().submit(List.of(TransferRequest.voidHold(voidId, id))).getFirst());
    assertThat(result.ok()).isTrue();
    openHolds.remove(id);
  }

  private void advanceClock() {
    Duration by = Duration.ofSeconds(1 + random.nextInt(30 * 60));
    clock.advance(by);
    log("clock +" + by + " = " + clock.instant());
    openHolds.values().removeIf(h -> !h.expiresAt().isAfter(clock.instant()));
    faulty(
        () -> {
          while (ledger().expireHolds(50) == 50) {
            // more are due
          }
          return null;
        });
  }

  private void recordUsage() {
    String tenant = pick(tenants);
    String creator = random.nextInt(4) == 0 ? pick(tenants) : null;
    if (tenant.equals(creator)) {
      creator = null;
    }
    long quantity = 1 + random.nextInt(random.nextBoolean() ? 100 : 2_000_000);
    // usage is reported a little late, sometimes for a period already closed
    Instant at = clock.instant().minusSeconds(random.nextInt(40 * 60));
    if (at.isBefore(GENESIS)) {
      at = GENESIS;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("usageId", new UUID(random.nextLong(), random.nextLong()).toString());
    data.put("tenantId", tenant);
    data.put("service", "ai");
    data.put("unit", "inference-unit");
    data.put("region", "eu");
    data.put("quantity", Long.toString(quantity));
    data.put("occurredAt", at.toString());
    if (creator != null) {
      data.put("creatorId", creator);
    }
    CloudEvent event =
        KafkaCloudEvents.event(
            new UUID(random.nextLong(), random.nextLong()).toString(),
            java.net.URI.create("urn:aioz:sim:ai-service"),
            "network.aioz.billing.UsageRecorded",
            tenant,
            java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC),
            tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsBytes(data));
    String period = bean(PeriodCloser.class).periodIdAt(at);
    log(
        "usage "
            + tenant
            + " "
            + quantity
            + " at "
            + at
            + " ("
            + period
            + ")"
            + (creator == null ? "" : " creator " + creator));
    sentUsage.add(event);
    if (!closedPeriods.contains(period)) {
      usage.merge(
          tenant + "|" + period + "|" + (creator == null ? "" : creator),
          BigInteger.valueOf(quantity),
          BigInteger::add);
    }
    ingest(event);
  }

  private void redeliverUsage() {
    if (sentUsage.isEmpty()) {
      return;
    }
    CloudEvent event = pick(sentUsage);
    log("redeliver usage " + event.getId());
    ingest(event);
  }

  private void ingest(CloudEvent event) {
    ProducerRecord<String, byte[]> p = KafkaCloudEvents.toRecord("ai.usage", event);
    ConsumerRecord<String, byte[]> record =
        new ConsumerRecord<>("ai.usage", 0, offset++, p.key(), p.value());
    p.headers().forEach(h -> record.headers().add(h));
    faulty(() -> bean(Ingestion.class).record(List.of(record)));
  }

  private void chargeRun() {
    log("charge run");
    faulty(() -> bean(Charging.class).run());
  }

  private void closePeriod() {
    Instant end = settledUpTo.plus(PERIOD);
    if (end.isAfter(clock.instant())) {
      return;
    }
    String period = bean(PeriodCloser.class).periodIdAt(settledUpTo);
    log("close period " + period);
    faulty(() -> bean(PeriodCloser.class).closePeriod(period));
    closedPeriods.add(period);
    assertThat(bean(SupplyBook.class).find(period)).as("supply settled with the close").isPresent();
    settledUpTo = end;
  }

  private void deposit() {
    String tenant = pick(tenants);
    BigInteger amount = amount();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("chainId", 168);
    data.put("txHash", "0x" + hex(32));
    data.put("logIndex", random.nextInt(4));
    data.put("blockNumber", 1000 + step);
    data.put("blockHash", "0x" + hex(32));
    data.put("from", "0x" + hex(20));
    data.put("tenantId", tenant);
    data.put("amount", amount.toString());
    data.put("confirmations", 1);
    log("deposit " + tenant + " " + amount + " " + data.get("txHash"));
    deposits.add(data);
    deposited.merge(tenant, amount, BigInteger::add);
    report(data, Deposits.Outcome.CREDITED);
  }

  private void redeliverDeposit() {
    if (deposits.isEmpty()) {
      return;
    }
    Map<String, Object> data = pick(deposits);
    log("deposit reported again " + data.get("txHash"));
    report(data, Deposits.Outcome.DUPLICATE);
  }

  /** The chain adapter's report, under a new event id each time (as a re-emitted log would be). */
  private void report(Map<String, Object> data, Deposits.Outcome expected) {
    String eventId = new UUID(random.nextLong(), random.nextLong()).toString();
    tools.jackson.databind.JsonNode json =
        tools.jackson.databind.json.JsonMapper.builder().build().valueToTree(data);
    Deposits.Outcome outcome =
        faulty(
            () ->
                bean(TransactionTemplate.class)
                    .execute(status -> bean(Deposits.class).confirmed(eventId, json)));
    if (expected == Deposits.Outcome.DUPLICATE) {
      assertThat(outcome).as("a deposit reported again").isEqualTo(Deposits.Outcome.DUPLICATE);
    } else {
      assertThat(outcome)
          .as("a new deposit")
          .isIn(Deposits.Outcome.CREDITED, Deposits.Outcome.DUPLICATE);
    }
  }

  /** The task ledger seals an epoch: billing pays the edges' pool as it stands. */
  private void sealEpoch() {
    long epoch = ++epochs;
    Instant start = GENESIS.plus(PERIOD.multipliedBy(epoch));
    List<EpochSealed.NodeTotal> totals = new ArrayList<>();
    List<EpochSealed.NodeStats> stats = new ArrayList<>();
    for (String edge : EDGES) {
      if (random.nextInt(4) == 0) {
        continue; // idle this epoch
      }
      totals.add(
          new EpochSealed.NodeTotal(
              edge, "STORE", 1, BigInteger.valueOf(random.nextInt(1_000_000))));
      totals.add(
          new EpochSealed.NodeTotal(
              edge, "DELIVER", 1, BigInteger.valueOf(random.nextInt(1_000_000))));
      long assigned = random.nextInt(10);
      stats.add(
          new EpochSealed.NodeStats(
              edge,
              assigned,
              assigned == 0 ? 0 : random.nextLong(assigned + 1),
              random.nextInt(3),
              random.nextInt(3601),
              "ACTIVE"));
    }
    EpochSealed sealed =
        new EpochSealed(epoch, start, start.plus(PERIOD), "0x" + hex(32), totals, stats);
    log("seal epoch " + epoch + " (" + stats.size() + " edges)");
    faulty(
        () ->
            bean(TransactionTemplate.class)
                .execute(
                    status -> {
                      bean(Rewards.class).pay(sealed);
                      return null;
                    }));
  }

  private String hex(int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return java.util.HexFormat.of().formatHex(value);
  }

  private void restart() {
    log("process crash and restart");
    process.close();
    process = start();
  }

  // ---- faults ----

  /**
   * Runs {@code action} under a random fault: none; a crash at the end of its transaction (nothing
   * it wrote survives) and a retry; or a crash after its commit, before the caller heard of it, and
   * a retry.
   */
  private <T> T faulty(Supplier<T> action) {
    int dice = random.nextInt(100);
    if (dice < 15) {
      log("  crash before commit, retry");
      try {
        bean(TransactionTemplate.class)
            .execute(
                status -> {
                  action.get();
                  throw new SimulatedCrash();
                });
      } catch (SimulatedCrash expected) {
        // rolled back
      }
      return action.get();
    }
    if (dice < 30) {
      log("  crash after commit, retry");
      action.get();
      return action.get();
    }
    return action.get();
  }

  // ---- invariants ----

  private void check() {
    Accounts accounts = bean(Accounts.class);
    JdbcTemplate jdbc = bean(JdbcTemplate.class);
    assertThat(accounts.totals().balanced()).as("Σ debits = Σ credits").isTrue();
    Map<String, BigInteger> owed =
        process.beanOr(Obligations.class, Obligations.NONE).outstanding(tenants);
    for (String tenant : tenants) {
      Accounts.Balance b = accounts.tenantBalance(tenant);
      assertThat(b.available().signum()).as(tenant + " never negative").isGreaterThanOrEqualTo(0);
      BigInteger toppedUp =
          jdbc.queryForObject(
                  "select coalesce(sum(amount), 0) from ledger_transfer"
                      + " where credit_account = ? and code = 'top_up'",
                  java.math.BigDecimal.class,
                  Accounts.tenantAccount(tenant))
              .toBigIntegerExact();
      assertThat(toppedUp)
          .as(tenant + " credited exactly once per top-up")
          .isEqualTo(credited.getOrDefault(tenant, BigInteger.ZERO));
      BigInteger modelHeld =
          openHolds.values().stream()
              .filter(h -> h.tenant().equals(tenant))
              .map(Hold::amount)
              .reduce(BigInteger.ZERO, BigInteger::add);
      assertThat(b.debitsPending()).as(tenant + " held").isEqualTo(modelHeld);
      BigInteger spent = spentOnHolds.getOrDefault(tenant, BigInteger.ZERO);
      BigInteger charges = sum(jdbc, "debit_account", tenant, "charge");
      BigInteger earned = sum(jdbc, "credit_account", tenant, "split");
      assertThat(b.posted())
          .as(tenant + " posted balance = top-ups − holds posted − charges + creator shares")
          .isEqualTo(
              credited
                  .getOrDefault(tenant, BigInteger.ZERO)
                  .add(deposited.getOrDefault(tenant, BigInteger.ZERO))
                  .subtract(spent)
                  .subtract(charges)
                  .add(earned));
      Standing.View standing = bean(Standing.class).of(tenant);
      if (b.creditsPosted().signum() > 0) {
        assertThat(standing.funded())
            .as(tenant + " standing follows the balance")
            .isEqualTo(
                b.available().subtract(owed.getOrDefault(tenant, BigInteger.ZERO)).signum() > 0);
      }
    }
    checkUsage(jdbc, owed);
    checkDepositsAndRewards(jdbc);
    assertThat(accounts.balance(Accounts.REVENUE).orElseThrow().posted())
        .as("revenue passes everything on")
        .isZero();
    BigInteger minted = BigInteger.ZERO;
    BigInteger burned = BigInteger.ZERO;
    String previousEnd = null;
    List<SupplyBook.Report> reports = bean(SupplyBook.class).reports(10_000).reversed();
    for (SupplyBook.Report r : reports) {
      minted = minted.add(new BigInteger(r.minted()));
      burned = burned.add(new BigInteger(r.burnedInLedger()));
      if (previousEnd != null) {
        assertThat(r.supplyAtStart())
            .as("supply chains from period to period")
            .isEqualTo(previousEnd);
      }
      previousEnd = r.supplyAtEnd();
    }
    assertThat(accounts.balance(Accounts.MINT).orElseThrow().debitsPosted())
        .as("minted = Σ reports")
        .isEqualTo(minted);
    assertThat(accounts.balance(Accounts.BURN).orElseThrow().creditsPosted())
        .as("burned = Σ reports")
        .isEqualTo(burned);
  }

  private void checkUsage(JdbcTemplate jdbc, Map<String, BigInteger> owed) {
    Map<String, BigInteger> stored = new TreeMap<>();
    jdbc.query(
        "select tenant_id, period_id, creator_id, quantity, priced_quantity, due, charged"
            + " from metering_usage where service = 'ai' and tenant_id like ?",
        rs -> {
          String key = rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3);
          BigInteger quantity = rs.getBigDecimal(4).toBigIntegerExact();
          BigInteger priced = rs.getBigDecimal(5).toBigIntegerExact();
          BigInteger due = rs.getBigDecimal(6).toBigIntegerExact();
          BigInteger charged = rs.getBigDecimal(7).toBigIntegerExact();
          stored.put(key, quantity);
          assertThat(due)
              .as(key + " priced once, exactly")
              .isEqualTo(priced.multiply(PRICE_PER_UNIT));
          assertThat(charged).as(key + " never charged beyond its price").isLessThanOrEqualTo(due);
        },
        "sim-%");
    assertThat(stored)
        .as("usage counted once per event, late ones only while open")
        .isEqualTo(usage);
    for (String tenant : tenants) {
      BigInteger charges =
          jdbc.queryForObject(
                  "select coalesce(sum(amount), 0) from ledger_transfer where debit_account = ?"
                      + " and code = 'charge'",
                  java.math.BigDecimal.class,
                  Accounts.tenantAccount(tenant))
              .toBigIntegerExact();
      BigInteger charged =
          jdbc.queryForObject(
                  "select coalesce(sum(charged), 0) from metering_usage where tenant_id = ?",
                  java.math.BigDecimal.class,
                  tenant)
              .toBigIntegerExact();
      assertThat(charges).as(tenant + " charges in the ledger = charged usage").isEqualTo(charged);
      BigInteger dueTotal =
          jdbc.queryForObject(
                  "select coalesce(sum(due - charged), 0) from metering_usage where tenant_id = ?",
                  java.math.BigDecimal.class,
                  tenant)
              .toBigIntegerExact();
      assertThat(owed.getOrDefault(tenant, BigInteger.ZERO))
          .as(tenant + " owes")
          .isEqualTo(dueTotal);
    }
  }

  private void checkDepositsAndRewards(JdbcTemplate jdbc) {
    for (String tenant : tenants) {
      assertThat(sum(jdbc, "credit_account", tenant, "deposit"))
          .as(tenant + " credited once per deposit, whatever the re-reports")
          .isEqualTo(deposited.getOrDefault(tenant, BigInteger.ZERO));
    }
    jdbc.query(
        "select e.epoch, e.pool, e.total, e.unallocated,"
            + " (select coalesce(sum(t.amount), 0) from ledger_transfer t"
            + "   where t.code = 'reward' and t.reference = 'epoch:' || e.epoch) as paid"
            + " from reward_epoch e",
        rs -> {
          BigInteger pool = rs.getBigDecimal(2).toBigIntegerExact();
          BigInteger total = rs.getBigDecimal(3).toBigIntegerExact();
          BigInteger unallocated = rs.getBigDecimal(4).toBigIntegerExact();
          assertThat(total.add(unallocated))
              .as("epoch " + rs.getLong(1) + " pays its pool")
              .isEqualTo(pool);
          assertThat(rs.getBigDecimal(5).toBigIntegerExact())
              .as("epoch " + rs.getLong(1) + " paid once")
              .isEqualTo(total);
        });
    assertThat(jdbc.queryForObject("select count(*) from reward_epoch", Long.class))
        .as("every sealed epoch paid once")
        .isEqualTo(epochs);
    assertThat(bean(Accounts.class).balance(Accounts.EDGES).orElseThrow().available().signum())
        .as("the edges' pool never goes negative")
        .isGreaterThanOrEqualTo(0);
  }

  private static BigInteger sum(JdbcTemplate jdbc, String side, String tenant, String code) {
    return jdbc.queryForObject(
            "select coalesce(sum(amount), 0) from ledger_transfer where "
                + side
                + " = ? and code = ? and phase = 'posted'",
            java.math.BigDecimal.class,
            Accounts.tenantAccount(tenant),
            code)
        .toBigIntegerExact();
  }

  // ---- helpers ----

  private BigInteger amount() {
    // mostly small amounts, sometimes whole tokens, sometimes huge ones
    int kind = random.nextInt(10);
    if (kind < 6) {
      return BigInteger.valueOf(1 + random.nextInt(10_000));
    }
    if (kind < 9) {
      return TOKEN.multiply(BigInteger.valueOf(1 + random.nextInt(100)));
    }
    return new BigInteger(200, random).add(BigInteger.ONE);
  }

  private <T> T pick(List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  private Ledger ledger() {
    return bean(Ledger.class);
  }

  private <T> T bean(Class<T> type) {
    return process.bean(type);
  }

  private void log(String line) {
    trace.append(step).append(": ").append(line).append('\n');
  }

  /** How often each kind of step and fault ran, from the trace. */
  private String summary() {
    Map<String, Integer> counts = new TreeMap<>();
    for (String line : trace.toString().split("\n")) {
      String what = line.substring(line.indexOf(':') + 2);
      String[] words = what.strip().split(" ");
      String kind = words[0].equals("crash") ? words[0] + " " + words[1] : words[0];
      if (what.startsWith("close period") || what.startsWith("charge run")) {
        kind = words[0] + " " + words[1];
      }
      counts.merge(kind, 1, Integer::sum);
    }
    BigInteger charged =
        bean(JdbcTemplate.class)
            .queryForObject(
                "select coalesce(sum(charged), 0) from metering_usage", java.math.BigDecimal.class)
            .toBigIntegerExact();
    return counts
        + ", charged "
        + charged
        + " base units, "
        + bean(SupplyBook.class).reports(10_000).size()
        + " supply reports";
  }

  private static String tail(String text) {
    String[] lines = text.split("\n");
    int from = Math.max(0, lines.length - 40);
    return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
  }
}
