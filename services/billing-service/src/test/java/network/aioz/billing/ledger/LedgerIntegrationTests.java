package network.aioz.billing.ledger;

import static network.aioz.billing.ledger.TransferResult.CREATED;
import static network.aioz.billing.ledger.TransferResult.EXISTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import network.aioz.infra.MutableClock;
import org.junit.jupiter.api.Test;

/** The ledger against the real PostgreSQL: transfers, idempotency, flags, holds, concurrency. */
class LedgerIntegrationTests {

  private static final BigInteger TOKEN = BigInteger.TEN.pow(18);

  private final Ledger ledger = TestLedger.ledger(Clock.systemUTC());
  private final Accounts accounts = TestLedger.accounts();

  private static BigInteger units(long n) {
    return BigInteger.valueOf(n);
  }

  private BigInteger available(String account) {
    return accounts.balance(account).orElseThrow().available();
  }

  @Test
  void aTransferMovesExactlyOnceWhateverTheRetries() {
    String tenant = TestLedger.fundedTenant(ledger, TOKEN.multiply(units(5)));
    UUID id = UUID.randomUUID();
    TransferRequest charge =
        TransferRequest.posted(id, tenant, Accounts.REVENUE, TOKEN, "charge", "usage:2026-11");

    assertThat(ledger.submit(List.of(charge))).containsExactly(CREATED);
    assertThat(ledger.submit(List.of(charge, charge))).containsExactly(EXISTS, EXISTS);
    assertThat(
            ledger.submit(
                List.of(
                    TransferRequest.posted(
                        id, tenant, Accounts.REVENUE, TOKEN.add(BigInteger.ONE), "charge", null))))
        .containsExactly(TransferResult.EXISTS_WITH_DIFFERENT_FIELDS);

    assertThat(available(tenant)).isEqualTo(TOKEN.multiply(units(4)));
    assertThat(accounts.totals().balanced()).isTrue();
  }

  @Test
  void aTenantBalanceNeverGoesNegativeAndBadTransfersChangeNothing() {
    String tenant = TestLedger.fundedTenant(ledger, units(100));

    List<TransferResult> results =
        ledger.submit(
            List.of(
                TransferRequest.posted(
                    UUID.randomUUID(), tenant, Accounts.REVENUE, units(101), "charge", null),
                TransferRequest.posted(
                    UUID.randomUUID(), tenant, Accounts.REVENUE, units(0), "charge", null),
                TransferRequest.posted(
                    UUID.randomUUID(), tenant, Accounts.REVENUE, units(-5), "charge", null),
                TransferRequest.posted(
                    UUID.randomUUID(), tenant, "tenant:nobody", units(1), "charge", null),
                TransferRequest.posted(
                    UUID.randomUUID(), "tenant:nobody", tenant, units(1), "charge", null),
                TransferRequest.posted(UUID.randomUUID(), tenant, tenant, units(1), "x", null),
                TransferRequest.posted(
                    UUID.randomUUID(), tenant, Accounts.REVENUE, units(1), " ", null),
                TransferRequest.posted(
                    UUID.randomUUID(),
                    tenant,
                    Accounts.REVENUE,
                    BigInteger.TWO.pow(256),
                    "charge",
                    null)));

    assertThat(results)
        .containsExactly(
            TransferResult.EXCEEDS_CREDITS,
            TransferResult.AMOUNT_MUST_BE_POSITIVE,
            TransferResult.AMOUNT_MUST_BE_POSITIVE,
            TransferResult.CREDIT_ACCOUNT_NOT_FOUND,
            TransferResult.DEBIT_ACCOUNT_NOT_FOUND,
            TransferResult.ACCOUNTS_MUST_BE_DIFFERENT,
            TransferResult.CODE_REQUIRED,
            TransferResult.AMOUNT_TOO_LARGE);
    assertThat(available(tenant)).isEqualTo(units(100));
    assertThat(
            ledger.submit(
                List.of(
                    TransferRequest.posted(
                        UUID.randomUUID(), tenant, Accounts.REVENUE, units(100), "charge", null))))
        .containsExactly(CREATED);
    assertThat(available(tenant)).isZero();
  }

  @Test
  void holdsReserveThenPostPartlyOrVoidAndNeverResolveTwice() {
    String tenant = TestLedger.fundedTenant(ledger, units(1000));
    UUID hold = UUID.randomUUID();
    UUID other = UUID.randomUUID();

    assertThat(
            ledger.submit(
                List.of(
                    TransferRequest.pending(
                        hold, tenant, Accounts.REVENUE, units(600), "charge", null, "task-1"),
                    TransferRequest.pending(
                        other, tenant, Accounts.REVENUE, units(300), "charge", null, "task-2"),
                    TransferRequest.pending(
                        UUID.randomUUID(),
                        tenant,
                        Accounts.REVENUE,
                        units(101),
                        "charge",
                        null,
                        "task-3"))))
        .containsExactly(CREATED, CREATED, TransferResult.EXCEEDS_CREDITS);
    assertThat(available(tenant)).isEqualTo(units(100));

    assertThat(ledger.submit(List.of(TransferRequest.post(UUID.randomUUID(), hold, units(601)))))
        .containsExactly(TransferResult.POST_EXCEEDS_PENDING_AMOUNT);
    UUID post = UUID.randomUUID();
    assertThat(ledger.submit(List.of(TransferRequest.post(post, hold, units(250)))))
        .containsExactly(CREATED);
    assertThat(available(tenant)).as("350 released").isEqualTo(units(450));
    assertThat(ledger.submit(List.of(TransferRequest.post(post, hold, units(250)))))
        .containsExactly(EXISTS);
    assertThat(ledger.submit(List.of(TransferRequest.voidHold(UUID.randomUUID(), hold))))
        .containsExactly(TransferResult.PENDING_TRANSFER_ALREADY_POSTED);
    assertThat(ledger.submit(List.of(TransferRequest.voidHold(UUID.randomUUID(), other))))
        .containsExactly(CREATED);
    assertThat(ledger.submit(List.of(TransferRequest.post(UUID.randomUUID(), other, units(1)))))
        .containsExactly(TransferResult.PENDING_TRANSFER_ALREADY_VOIDED);
    assertThat(ledger.submit(List.of(TransferRequest.post(UUID.randomUUID(), post, units(1)))))
        .containsExactly(TransferResult.PENDING_TRANSFER_NOT_PENDING);
    assertThat(
            ledger.submit(List.of(TransferRequest.voidHold(UUID.randomUUID(), UUID.randomUUID()))))
        .containsExactly(TransferResult.PENDING_TRANSFER_NOT_FOUND);

    Accounts.Balance balance = accounts.balance(tenant).orElseThrow();
    assertThat(balance.debitsPending()).isZero();
    assertThat(balance.available()).isEqualTo(units(750));
    assertThat(accounts.totals().balanced()).isTrue();
  }

  @Test
  void anExpiredHoldIsReleasedAndCannotBePosted() {
    MutableClock clock = new MutableClock(Instant.now());
    Ledger timed = TestLedger.ledger(clock);
    String tenant = TestLedger.fundedTenant(timed, units(10));
    UUID hold = UUID.randomUUID();
    timed.submit(
        List.of(
            TransferRequest.pending(
                hold, tenant, Accounts.REVENUE, units(10), "charge", Duration.ofMinutes(5), null)));
    assertThat(available(tenant)).isZero();

    clock.advance(Duration.ofMinutes(6));
    assertThat(timed.submit(List.of(TransferRequest.post(UUID.randomUUID(), hold, units(10)))))
        .containsExactly(TransferResult.PENDING_TRANSFER_EXPIRED);
    while (timed.expireHolds(1000) == 1000) {
      // other tests' holds may be due too
    }
    assertThat(available(tenant)).isEqualTo(units(10));
    assertThat(timed.submit(List.of(TransferRequest.voidHold(UUID.randomUUID(), hold))))
        .containsExactly(TransferResult.PENDING_TRANSFER_EXPIRED);
    assertThat(accounts.totals().balanced()).isTrue();
  }

  @Test
  void anAllOrNothingBatchAppliesNothingWhenOneTransferFails() {
    String tenant = TestLedger.fundedTenant(ledger, units(100));
    List<TransferRequest> chain =
        List.of(
            TransferRequest.posted(
                UUID.randomUUID(), tenant, Accounts.REVENUE, units(60), "charge", null),
            TransferRequest.posted(
                UUID.randomUUID(), Accounts.REVENUE, Accounts.EDGES, units(50), "split", null),
            TransferRequest.posted(
                UUID.randomUUID(), tenant, Accounts.REVENUE, units(60), "charge", null));

    assertThat(ledger.submit(chain, true))
        .containsExactly(
            TransferResult.LINKED_TRANSFER_FAILED,
            TransferResult.LINKED_TRANSFER_FAILED,
            TransferResult.EXCEEDS_CREDITS);
    assertThat(available(tenant)).isEqualTo(units(100));
    assertThat(ledger.submit(chain.subList(0, 2), true)).containsExactly(CREATED, CREATED);
  }

  @Test
  void aHundredThreadsDebitingOneTenantNeverOverdrawItAndLoseNothing() throws Exception {
    String tenant = TestLedger.fundedTenant(ledger, units(1000));
    String sink = accounts.openTenant("sink-" + UUID.randomUUID());
    BigInteger totalsBefore = accounts.totals().debitsPosted();
    List<Future<Integer>> threads = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(100)) {
      for (int t = 0; t < 100; t++) {
        threads.add(
            pool.submit(
                () -> {
                  int ok = 0;
                  for (int i = 0; i < 15; i++) {
                    List<TransferResult> r =
                        ledger.submit(
                            List.of(
                                TransferRequest.posted(
                                    UUID.randomUUID(), tenant, sink, units(1), "charge", null)));
                    ok += r.getFirst() == CREATED ? 1 : 0;
                  }
                  return ok;
                }));
      }
      int succeeded = 0;
      for (Future<Integer> f : threads) {
        succeeded += f.get();
      }
      assertThat(succeeded).as("exactly the balance, no more, no less").isEqualTo(1000);
    }
    assertThat(available(tenant)).isZero();
    assertThat(available(sink)).isEqualTo(units(1000));
    Accounts.Totals totals = accounts.totals();
    assertThat(totals.balanced()).isTrue();
    assertThat(totals.debitsPosted().subtract(totalsBefore)).isGreaterThanOrEqualTo(units(1000));
  }

  @Test
  void groupCommitAppliesConcurrentSingleTransfersExactlyOnce() throws Exception {
    String tenant = TestLedger.fundedTenant(ledger, units(1000));
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      ids.add(UUID.randomUUID());
    }
    List<java.util.concurrent.CompletableFuture<TransferResult>> results = new ArrayList<>();
    try (TransferBatcher batcher = new TransferBatcher(ledger, 3, 200, 5000)) {
      // every transfer twice, the second copy usually in another writer's batch
      for (int round = 0; round < 2; round++) {
        for (UUID id : ids) {
          results.add(
              batcher.submit(
                  TransferRequest.posted(id, tenant, Accounts.REVENUE, units(1), "charge", null)));
        }
      }
      java.util.concurrent.CompletableFuture.allOf(
              results.toArray(java.util.concurrent.CompletableFuture[]::new))
          .get(60, java.util.concurrent.TimeUnit.SECONDS);
    }
    List<TransferResult> outcomes = results.stream().map(f -> f.join()).toList();
    assertThat(outcomes.stream().filter(r -> r == CREATED)).hasSize(1000);
    assertThat(outcomes.stream().filter(r -> r == EXISTS)).hasSize(1000);
    assertThat(available(tenant)).isZero();
  }
}
