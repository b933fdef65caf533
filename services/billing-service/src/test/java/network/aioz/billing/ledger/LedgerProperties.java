package network.aioz.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Random sequences of top-ups, charges, transfers between tenants, holds, posts and voids, checked
 * against a model after every batch: balances match the model, no tenant goes negative, the
 * ledger's debits equal its credits, and replaying everything changes nothing.
 */
class LedgerProperties {

  private final Ledger ledger = TestLedger.ledger(Clock.systemUTC());
  private final Accounts accounts = TestLedger.accounts();

  /** One step: what, from which of four tenants, to which, how much. */
  record Op(int kind, int from, int to, BigInteger amount, int holdIndex) {}

  @Provide
  Arbitrary<Op> ops() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 5),
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 3),
            Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.valueOf(-3), BigInteger.valueOf(50)),
                Arbitraries.bigIntegers().between(BigInteger.ONE, BigInteger.TWO.pow(72))),
            Arbitraries.integers().between(0, 7))
        .as(Op::new);
  }

  @Property(tries = 25)
  void everyBatchKeepsTheBooksBalancedAndTheModelExact(
      @ForAll @Size(min = 1, max = 40) List<@net.jqwik.api.From("ops") Op> ops) {
    List<String> tenants = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      tenants.add(accounts.openTenant("p-" + UUID.randomUUID()));
    }
    Map<String, BigInteger> posted = new HashMap<>();
    Map<String, BigInteger> held = new HashMap<>();
    tenants.forEach(
        t -> {
          posted.put(t, BigInteger.ZERO);
          held.put(t, BigInteger.ZERO);
        });
    List<TransferRequest> history = new ArrayList<>();
    List<TransferResult> outcomes = new ArrayList<>();
    List<TransferRequest> holds = new ArrayList<>();
    Map<UUID, Boolean> holdOpen = new HashMap<>();

    for (Op op : ops) {
      String from = tenants.get(op.from());
      String to = tenants.get(op.to());
      UUID id = UUID.randomUUID();
      TransferRequest request =
          switch (op.kind()) {
            case 0 ->
                TransferRequest.posted(id, Accounts.DEV_TOP_UP, to, op.amount(), "top_up", null);
            case 1 ->
                TransferRequest.posted(id, from, Accounts.REVENUE, op.amount(), "charge", null);
            case 2 -> TransferRequest.posted(id, from, to, op.amount(), "transfer", null);
            case 3 ->
                TransferRequest.pending(
                    id, from, Accounts.REVENUE, op.amount(), "charge", null, null);
            case 4 ->
                holds.isEmpty()
                    ? TransferRequest.voidHold(id, UUID.randomUUID())
                    : TransferRequest.post(
                        id,
                        holds.get(op.holdIndex() % holds.size()).id(),
                        op.amount().max(BigInteger.ZERO).mod(BigInteger.valueOf(1000)));
            default ->
                holds.isEmpty()
                    ? TransferRequest.voidHold(id, UUID.randomUUID())
                    : TransferRequest.voidHold(id, holds.get(op.holdIndex() % holds.size()).id());
          };
      TransferResult result = ledger.submit(List.of(request)).getFirst();
      history.add(request);
      outcomes.add(result);

      // the model
      boolean positive = op.amount().signum() > 0;
      BigInteger available =
          request.debitAccount() == null || !posted.containsKey(request.debitAccount())
              ? null
              : posted.get(request.debitAccount()).subtract(held.get(request.debitAccount()));
      switch (op.kind()) {
        case 0 -> {
          assertThat(result).isEqualTo(positive ? TransferResult.CREATED : amountError());
          if (positive) {
            posted.merge(to, op.amount(), BigInteger::add);
          }
        }
        case 1, 2, 3 -> {
          TransferResult expected;
          if (!positive) {
            expected = amountError();
          } else if (op.kind() == 2 && from.equals(to)) {
            expected = TransferResult.ACCOUNTS_MUST_BE_DIFFERENT;
          } else if (op.amount().compareTo(available) > 0) {
            expected = TransferResult.EXCEEDS_CREDITS;
          } else {
            expected = TransferResult.CREATED;
          }
          assertThat(result).as("%s with %s available", op, available).isEqualTo(expected);
          if (expected == TransferResult.CREATED) {
            if (op.kind() == 3) {
              held.merge(from, op.amount(), BigInteger::add);
              holds.add(request);
              holdOpen.put(request.id(), true);
            } else {
              posted.merge(from, op.amount().negate(), BigInteger::add);
              if (op.kind() == 2) {
                posted.merge(to, op.amount(), BigInteger::add);
              }
            }
          }
        }
        default -> {
          if (request.pendingId() != null && holdOpen.containsKey(request.pendingId())) {
            TransferRequest hold =
                holds.stream().filter(h -> h.id().equals(request.pendingId())).findFirst().get();
            boolean open = holdOpen.get(hold.id());
            BigInteger take =
                request.phase() == Phase.VOID
                    ? BigInteger.ZERO
                    : request.amount().signum() == 0 ? hold.amount() : request.amount();
            if (!open) {
              assertThat(result.ok()).isFalse();
            } else if (take.compareTo(hold.amount()) > 0) {
              assertThat(result).isEqualTo(TransferResult.POST_EXCEEDS_PENDING_AMOUNT);
            } else {
              assertThat(result).isEqualTo(TransferResult.CREATED);
              holdOpen.put(hold.id(), false);
              held.merge(hold.debitAccount(), hold.amount().negate(), BigInteger::add);
              posted.merge(hold.debitAccount(), take.negate(), BigInteger::add);
            }
          } else {
            assertThat(result).isEqualTo(TransferResult.PENDING_TRANSFER_NOT_FOUND);
          }
        }
      }
      for (String tenant : tenants) {
        Accounts.Balance balance = accounts.balance(tenant).orElseThrow();
        assertThat(balance.posted()).as(tenant).isEqualTo(posted.get(tenant));
        assertThat(balance.debitsPending()).as(tenant).isEqualTo(held.get(tenant));
        assertThat(balance.available().signum()).as("never negative").isGreaterThanOrEqualTo(0);
      }
    }
    assertThat(accounts.totals().balanced()).isTrue();

    Map<String, Accounts.Balance> before = new HashMap<>();
    tenants.forEach(t -> before.put(t, accounts.balance(t).orElseThrow()));
    // A refused transfer is not recorded (its id may be tried again once funds allow); every
    // recorded one, replayed, changes nothing.
    List<TransferRequest> recorded = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      if (outcomes.get(i).ok()) {
        recorded.add(history.get(i));
      }
    }
    assertThat(ledger.submit(recorded)).allMatch(r -> r == TransferResult.EXISTS);
    tenants.forEach(t -> assertThat(accounts.balance(t).orElseThrow()).isEqualTo(before.get(t)));
    assertThat(accounts.totals().balanced()).isTrue();
  }

  private static TransferResult amountError() {
    return TransferResult.AMOUNT_MUST_BE_POSITIVE;
  }
}
