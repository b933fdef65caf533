package network.aioz.billing.simulation;

import static org.assertj.core.api.Assertions.assertThat;

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
import network.aioz.billing.ledger.Accounts;
import network.aioz.billing.ledger.Ledger;
import network.aioz.billing.ledger.TransferRequest;
import network.aioz.billing.ledger.TransferResult;
import network.aioz.billing.supply.PeriodIncome;
import network.aioz.billing.supply.SupplyBook;
import network.aioz.infra.MutableClock;
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
    return new BillingProcess(database, clock, Map.of());
  }

  private void act() {
    int dice = random.nextInt(100);
    if (dice < 25) {
      topUp();
    } else if (dice < 32) {
      retryTopUp();
    } else if (dice < 52) {
      hold();
    } else if (dice < 62) {
      postHold();
    } else if (dice < 70) {
      voidHold();
    } else if (dice < 88) {
      advanceClock();
    } else if (dice < 99) {
      settleSupply();
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
                              id, "platform:dev-top-up", account, amount, "top_up", "sim")))
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
                        "platform:dev-top-up",
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
                                "platform:revenue",
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
                                "platform:revenue",
                                "platform:edges",
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

  private void settleSupply() {
    Instant end = settledUpTo.plus(PERIOD);
    if (end.isAfter(clock.instant())) {
      return;
    }
    String period = "sim-" + settledUpTo;
    log("settle supply " + period);
    Instant from = settledUpTo;
    SupplyBook.Report report =
        faulty(
            () ->
                bean(SupplyBook.class)
                    .settle(new PeriodIncome(period, from, end, Map.of(), Map.of())));
    assertThat(report.period()).isEqualTo(period);
    settledUpTo = end;
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
      assertThat(b.posted())
          .as(tenant + " posted balance")
          .isEqualTo(credited.getOrDefault(tenant, BigInteger.ZERO).subtract(spent));
      Standing.View standing = bean(Standing.class).of(tenant);
      if (b.creditsPosted().signum() > 0) {
        assertThat(standing.funded())
            .as(tenant + " standing follows the balance")
            .isEqualTo(
                b.available().subtract(owed.getOrDefault(tenant, BigInteger.ZERO)).signum() > 0);
      }
    }
    assertThat(accounts.balance("platform:revenue").orElseThrow().posted())
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
    assertThat(accounts.balance("platform:mint").orElseThrow().debitsPosted())
        .as("minted = Σ reports")
        .isEqualTo(minted);
    assertThat(accounts.balance("platform:burn").orElseThrow().creditsPosted())
        .as("burned = Σ reports")
        .isEqualTo(burned);
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

  private static String tail(String text) {
    String[] lines = text.split("\n");
    int from = Math.max(0, lines.length - 40);
    return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
  }
}
