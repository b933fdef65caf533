package network.aioz.benchmarks.billing;

import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import network.aioz.benchmarks.support.InProcessService;
import network.aioz.billing.BillingApplication;
import network.aioz.billing.ledger.Accounts;
import network.aioz.billing.ledger.Ledger;
import network.aioz.billing.ledger.TransferBatcher;
import network.aioz.billing.ledger.TransferRequest;
import network.aioz.billing.ledger.TransferResult;
import network.aioz.infra.SharedInfra;
import network.aioz.shared.identity.PemKeys;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Durable ledger transfers per second on the embedded PostgreSQL (fsync and synchronous_commit on),
 * through billing-service's own ledger (started in this JVM, so every batch also pays for the
 * balance observers that keep tenants' standing), next to the database's own floor: a loop of
 * single-row INSERT + COMMIT on one connection. Then: many clients each submitting one transfer at
 * a time through group commit ({@link TransferBatcher}: a client's call returns only after its
 * batch committed), and one client submitting batches of 1,000. Transfers go between random tenants
 * of {@code --tenants}, so every batch touches hundreds of accounts and each is checked against its
 * balance and flags.
 *
 * <p>{@code --seconds} per phase (20), {@code --clients} (256), {@code --writers} (2), {@code
 * --batch} (1000), {@code --tenants} (10000).
 */
public final class TransferThroughput {

  private static final BigInteger FUNDS = BigInteger.TEN.pow(30);

  private TransferThroughput() {}

  public static void main(String[] args) throws Exception {
    int seconds = option(args, "--seconds", 20);
    int clients = option(args, "--clients", 256);
    int writers = option(args, "--writers", 2);
    int batch = option(args, "--batch", 1000);
    int tenantCount = option(args, "--tenants", 10_000);

    System.out.println("starting PostgreSQL (fsync on), Kafka and billing-service in this JVM ...");
    String url = SharedInfra.database("billing_bench_" + System.nanoTime());
    Map<String, Object> settings = new LinkedHashMap<>();
    // durable commits, as in production (the embedded server turns them off by default)
    settings.put(
        "spring.datasource.url",
        url + "?reWriteBatchedInserts=true&options=-c%20synchronous_commit%3Don");
    settings.put("spring.datasource.username", SharedInfra.postgres().username());
    settings.put("spring.datasource.password", SharedInfra.postgres().password());
    settings.put("spring.datasource.hikari.maximum-pool-size", Math.max(8, writers + 2));
    settings.put("spring.kafka.bootstrap-servers", SharedInfra.kafkaBootstrapServers());
    settings.put(
        "platform.identity.public-key",
        PemKeys.toPem((ECPublicKey) PemKeys.generateP256().getPublic()));
    settings.put("server.port", "0");
    // the ledger as production runs it (its balance observers included), without periodic jobs
    settings.put("billing.scheduling.enabled", "false");
    settings.put("spring.kafka.listener.auto-startup", "false");
    settings.put("logging.level.root", "WARN");
    settings.put("spring.main.banner-mode", "off");
    try (ConfigurableApplicationContext service =
        InProcessService.start(BillingApplication.class, settings)) {
      DataSource source = service.getBean(DataSource.class);
      Ledger ledger = service.getBean(Ledger.class);
      Accounts accounts = service.getBean(Accounts.class);

      double floor = insertCommitLoop(source, seconds);

      System.out.printf(Locale.ROOT, "opening and funding %,d tenant accounts ...%n", tenantCount);
      List<String> tenants = new ArrayList<>(tenantCount);
      List<TransferRequest> funding = new ArrayList<>();
      for (int i = 0; i < tenantCount; i++) {
        String account = accounts.openTenant("bench-" + i + "-" + UUID.randomUUID());
        tenants.add(account);
        funding.add(
            TransferRequest.posted(
                UUID.randomUUID(), Accounts.DEV_TOP_UP, account, FUNDS, "top_up", null));
        if (funding.size() == 1000) {
          ledger.submit(funding);
          funding.clear();
        }
      }
      ledger.submit(funding);

      double grouped = groupCommit(ledger, tenants, seconds, clients, writers, batch);
      double batched = batches(ledger, tenants, seconds, batch);
      Accounts.Totals totals = accounts.totals();

      System.out.println();
      System.out.println("| figure | per second |");
      System.out.println("|---|---|");
      System.out.printf(
          Locale.ROOT,
          "| single-row INSERT + COMMIT loop, 1 connection (floor) | %,.0f |%n",
          floor);
      System.out.printf(
          Locale.ROOT,
          "| durable transfers, %d clients one at a time, group commit (%d writers, batches <= %d)"
              + " | %,.0f |%n",
          clients,
          writers,
          batch,
          grouped);
      System.out.printf(
          Locale.ROOT, "| durable transfers, 1 client, batches of %d | %,.0f |%n", batch, batched);
      System.out.printf(
          Locale.ROOT,
          "%ntarget >= 10,000 durable transfers/s: %s (%.1fx the INSERT+COMMIT floor)%n",
          Math.max(grouped, batched) >= 10_000 ? "met" : "NOT met",
          Math.max(grouped, batched) / floor);
      System.out.println("books balanced (debits = credits): " + totals.balanced());
      if (!totals.balanced()) {
        System.exit(1);
      }
    }
    System.exit(0);
  }

  private static double insertCommitLoop(DataSource source, int seconds) throws SQLException {
    try (Connection c = source.getConnection()) {
      c.createStatement().execute("create table if not exists bench_row (id bigserial, v text)");
      c.setAutoCommit(true);
      try (PreparedStatement insert = c.prepareStatement("insert into bench_row (v) values (?)")) {
        long count = 0;
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long report = start + 5_000_000_000L;
        while (System.nanoTime() < end) {
          insert.setString(1, "row");
          insert.executeUpdate();
          count++;
          if (System.nanoTime() > report) {
            progress("insert+commit", count, start);
            report += 5_000_000_000L;
          }
        }
        return count / ((System.nanoTime() - start) / 1e9);
      }
    }
  }

  private static double groupCommit(
      Ledger ledger, List<String> tenants, int seconds, int clients, int writers, int batch)
      throws Exception {
    AtomicLong done = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    try (TransferBatcher batcher = new TransferBatcher(ledger, writers, batch, clients * 2);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<CompletableFuture<Void>> loops = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        loops.add(
            CompletableFuture.runAsync(
                () -> {
                  while (running.get()) {
                    TransferResult r = batcher.submit(randomTransfer(tenants)).join();
                    (r == TransferResult.CREATED ? done : refused).incrementAndGet();
                  }
                },
                pool));
      }
      double rate = measure("group commit", done, seconds);
      running.set(false);
      CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
      if (refused.get() > 0) {
        System.out.println("refused: " + refused.get());
      }
      return rate;
    }
  }

  private static double batches(Ledger ledger, List<String> tenants, int seconds, int batch)
      throws Exception {
    AtomicLong done = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread client =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (running.get()) {
                    List<TransferRequest> requests = new ArrayList<>(batch);
                    for (int i = 0; i < batch; i++) {
                      requests.add(randomTransfer(tenants));
                    }
                    long created =
                        ledger.submit(requests).stream()
                            .filter(r -> r == TransferResult.CREATED)
                            .count();
                    done.addAndGet(created);
                  }
                });
    double rate = measure("batches", done, seconds);
    running.set(false);
    client.join();
    return rate;
  }

  private static double measure(String phase, AtomicLong done, int seconds)
      throws InterruptedException {
    Thread.sleep(2_000); // warm-up: JIT, connection pool, first batches
    long from = done.get();
    long start = System.nanoTime();
    for (int elapsed = 0; elapsed < seconds; elapsed += 5) {
      Thread.sleep(Math.min(5, seconds - elapsed) * 1000L);
      progress(phase, done.get() - from, start);
    }
    return (done.get() - from) / ((System.nanoTime() - start) / 1e9);
  }

  private static TransferRequest randomTransfer(List<String> tenants) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int from = random.nextInt(tenants.size());
    int to = (from + 1 + random.nextInt(tenants.size() - 1)) % tenants.size();
    return TransferRequest.posted(
        UUID.randomUUID(),
        tenants.get(from),
        tenants.get(to),
        BigInteger.valueOf(1 + random.nextInt(1_000_000)),
        "transfer",
        null);
  }

  private static void progress(String phase, long count, long start) {
    double s = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT, "  %-14s %5.1f s  %,12d  %,10.0f /s%n", phase, s, count, count / s);
  }

  private static int option(String[] args, String name, int fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }
}
