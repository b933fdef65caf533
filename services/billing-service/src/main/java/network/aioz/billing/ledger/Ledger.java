package network.aioz.billing.ledger;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import network.aioz.shared.amount.TokenAmount;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies batches of transfers in one database transaction each: the batch's accounts and holds are
 * locked (in id order, so concurrent batches never deadlock), every transfer is checked and applied
 * in order against the balances as they stand after the ones before it, and the created transfers,
 * resolved holds and changed balances are written together. A transfer that fails changes nothing;
 * in an all-or-nothing batch one failure leaves the whole batch unapplied. PostgreSQL checks the
 * account flags again, so no bug here can overdraw an account.
 */
public class Ledger {

  static final Duration MAX_HOLD = Duration.ofDays(30);
  private static final int RACE_ATTEMPTS = 5;
  private static final BigInteger MAX = TokenAmount.MAX_BASE_UNITS;
  private static final BigInteger ZERO = BigInteger.ZERO;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final List<BalanceObserver> observers;

  public Ledger(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
    this(jdbc, transactions, clock, List.of());
  }

  public Ledger(
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      Clock clock,
      List<BalanceObserver> observers) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
    this.observers = List.copyOf(observers);
  }

  /** Applies {@code batch}; each transfer's result in order. */
  public List<TransferResult> submit(List<TransferRequest> batch) {
    return submit(batch, false);
  }

  /**
   * Applies {@code batch}; with {@code allOrNothing}, a batch with any failure applies nothing (its
   * would-be-created transfers answer {@link TransferResult#LINKED_TRANSFER_FAILED}).
   */
  public List<TransferResult> submit(List<TransferRequest> batch, boolean allOrNothing) {
    return submit(batch, allOrNothing, results -> {});
  }

  /**
   * Applies {@code batch} and, inside the same transaction once the batch is written, hands the
   * results to {@code inTransaction}: what it records (an outbox event of a payment) commits with
   * the transfers or not at all. It may run more than once if the batch is retried.
   */
  public List<TransferResult> submit(
      List<TransferRequest> batch,
      boolean allOrNothing,
      java.util.function.Consumer<List<TransferResult>> inTransaction) {
    if (batch.isEmpty()) {
      return List.of();
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return transactions.execute(
            status -> {
              Batch applied = new Batch(batch, allOrNothing);
              List<TransferResult> results = applied.run();
              inTransaction.accept(results);
              observe(applied.changed);
              return results;
            });
      } catch (DuplicateKeyException | PessimisticLockingFailureException raced) {
        // another batch created one of these transfers (or a resolution of the same hold) between
        // our lookup and our insert: once that one committed, a new attempt sees it as existing
        if (attempt == RACE_ATTEMPTS) {
          throw raced;
        }
      }
    }
  }

  /** Releases holds whose time ran out, at most {@code limit}; how many. */
  public int expireHolds(int limit) {
    Integer expired =
        transactions.execute(
            status -> {
              Instant now = clock.instant();
              List<Stored> holds =
                  jdbc.query(
                      "select * from ledger_transfer where state = 'open' and expires_at <= ?"
                          + " order by id limit ? for update skip locked",
                      Ledger::stored,
                      Timestamp.from(now),
                      limit);
              if (holds.isEmpty()) {
                return 0;
              }
              Set<String> ids = new TreeSet<>();
              holds.forEach(h -> ids.addAll(List.of(h.debit(), h.credit())));
              Map<String, Account> accounts = lockAccounts(ids);
              for (Stored hold : holds) {
                settle(
                    accounts.get(hold.debit()), accounts.get(hold.credit()), hold.amount(), ZERO);
              }
              jdbc.batchUpdate(
                  "update ledger_transfer set state = 'expired' where id = ?",
                  holds,
                  holds.size(),
                  (ps, hold) -> ps.setObject(1, hold.id()));
              observe(writeAccounts(accounts.values()));
              return holds.size();
            });
    return expired == null ? 0 : expired;
  }

  /** One batch inside its transaction. */
  private final class Batch {
    private final List<TransferRequest> requests;
    private final boolean allOrNothing;
    private final Instant now = clock.instant();
    private final Map<UUID, Stored> created = new LinkedHashMap<>();
    private final Map<UUID, Stored> resolvedHolds = new LinkedHashMap<>();
    private Map<UUID, Stored> existing;
    private Map<String, Account> accounts;
    private List<Account> changed = List.of();

    Batch(List<TransferRequest> requests, boolean allOrNothing) {
      this.requests = requests;
      this.allOrNothing = allOrNothing;
    }

    List<TransferResult> run() {
      Set<UUID> referenced = new LinkedHashSet<>();
      for (TransferRequest r : requests) {
        addIfPresent(referenced, r.pendingId());
        addIfPresent(referenced, r.reverses());
      }
      existing = new HashMap<>(referenced.isEmpty() ? Map.of() : lockTransfers(referenced));
      Set<String> accountIds = new TreeSet<>();
      for (TransferRequest r : requests) {
        addIfPresent(accountIds, r.debitAccount());
        addIfPresent(accountIds, r.creditAccount());
        Stored hold = r.pendingId() == null ? null : existing.get(r.pendingId());
        if (hold != null) {
          accountIds.add(hold.debit());
          accountIds.add(hold.credit());
        }
      }
      accounts = lockAccounts(accountIds);
      // Only now look for the batch's own ids: a concurrent batch on these accounts has committed,
      // so a retry racing its original sees it as existing instead of being judged anew against
      // balances the original already spent.
      existing.putAll(findTransfers(requests.stream().map(TransferRequest::id).toList()));

      List<TransferResult> results = new ArrayList<>(requests.size());
      for (TransferRequest request : requests) {
        results.add(apply(request));
      }
      if (allOrNothing && results.stream().anyMatch(r -> !r.ok())) {
        return results.stream()
            .map(r -> r == TransferResult.CREATED ? TransferResult.LINKED_TRANSFER_FAILED : r)
            .toList();
      }
      write();
      return results;
    }

    private TransferResult apply(TransferRequest r) {
      Stored before = created.containsKey(r.id()) ? created.get(r.id()) : existing.get(r.id());
      if (before != null) {
        return sameTransfer(before, r)
            ? TransferResult.EXISTS
            : TransferResult.EXISTS_WITH_DIFFERENT_FIELDS;
      }
      return switch (r.phase()) {
        case POSTED, PENDING -> move(r);
        case POST, VOID -> resolve(r);
      };
    }

    private TransferResult move(TransferRequest r) {
      if (r.code() == null || r.code().isBlank()) {
        return TransferResult.CODE_REQUIRED;
      }
      if (r.amount().signum() <= 0) {
        return TransferResult.AMOUNT_MUST_BE_POSITIVE;
      }
      if (r.amount().compareTo(MAX) > 0) {
        return TransferResult.AMOUNT_TOO_LARGE;
      }
      if (Objects.equals(r.debitAccount(), r.creditAccount())) {
        return TransferResult.ACCOUNTS_MUST_BE_DIFFERENT;
      }
      Account debit = r.debitAccount() == null ? null : accounts.get(r.debitAccount());
      if (debit == null) {
        return TransferResult.DEBIT_ACCOUNT_NOT_FOUND;
      }
      Account credit = r.creditAccount() == null ? null : accounts.get(r.creditAccount());
      if (credit == null) {
        return TransferResult.CREDIT_ACCOUNT_NOT_FOUND;
      }
      if (r.reverses() != null
          && !existing.containsKey(r.reverses())
          && !created.containsKey(r.reverses())) {
        return TransferResult.REVERSED_TRANSFER_NOT_FOUND;
      }
      Duration timeout = r.timeout() == null ? TransferRequest.DEFAULT_HOLD : r.timeout();
      boolean pending = r.phase() == Phase.PENDING;
      if (pending
          && (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_HOLD) > 0)) {
        return TransferResult.TIMEOUT_INVALID;
      }
      if (debit.noOverdraft()
          && debit
                  .debitsPending
                  .add(debit.debitsPosted)
                  .add(r.amount())
                  .compareTo(debit.creditsPosted)
              > 0) {
        return TransferResult.EXCEEDS_CREDITS;
      }
      if (credit.sourceOnly()
          && credit
                  .creditsPending
                  .add(credit.creditsPosted)
                  .add(r.amount())
                  .compareTo(credit.debitsPosted)
              > 0) {
        return TransferResult.EXCEEDS_DEBITS;
      }
      if (pending) {
        debit.debitsPending = debit.debitsPending.add(r.amount());
        credit.creditsPending = credit.creditsPending.add(r.amount());
      } else {
        debit.debitsPosted = debit.debitsPosted.add(r.amount());
        credit.creditsPosted = credit.creditsPosted.add(r.amount());
      }
      debit.dirty = credit.dirty = true;
      created.put(
          r.id(),
          new Stored(
              r.id(),
              debit.id,
              credit.id,
              r.amount(),
              r.code(),
              r.phase(),
              null,
              pending ? "open" : null,
              pending ? now.plus(timeout) : null,
              r.splitRule(),
              r.reverses(),
              r.reference()));
      return TransferResult.CREATED;
    }

    private TransferResult resolve(TransferRequest r) {
      if (r.pendingId() == null) {
        return TransferResult.PENDING_TRANSFER_NOT_FOUND;
      }
      // a hold resolved or created earlier in this batch is seen as it stands now
      Stored hold = resolvedHolds.get(r.pendingId());
      if (hold == null) {
        hold = created.getOrDefault(r.pendingId(), existing.get(r.pendingId()));
      }
      if (hold == null) {
        return TransferResult.PENDING_TRANSFER_NOT_FOUND;
      }
      if (hold.phase() != Phase.PENDING) {
        return TransferResult.PENDING_TRANSFER_NOT_PENDING;
      }
      switch (hold.state()) {
        case "posted" -> {
          return TransferResult.PENDING_TRANSFER_ALREADY_POSTED;
        }
        case "voided" -> {
          return TransferResult.PENDING_TRANSFER_ALREADY_VOIDED;
        }
        case "expired" -> {
          return TransferResult.PENDING_TRANSFER_EXPIRED;
        }
        default -> {
          // open
        }
      }
      if (!hold.expiresAt().isAfter(now)) {
        return TransferResult.PENDING_TRANSFER_EXPIRED;
      }
      BigInteger amount = BigInteger.ZERO;
      if (r.phase() == Phase.POST) {
        if (r.amount().signum() < 0) {
          return TransferResult.AMOUNT_MUST_BE_POSITIVE;
        }
        amount = r.amount().signum() == 0 ? hold.amount() : r.amount();
        if (amount.compareTo(hold.amount()) > 0) {
          return TransferResult.POST_EXCEEDS_PENDING_AMOUNT;
        }
      }
      settle(accounts.get(hold.debit()), accounts.get(hold.credit()), hold.amount(), amount);
      Stored resolved = hold.withState(r.phase() == Phase.POST ? "posted" : "voided");
      resolvedHolds.put(hold.id(), resolved);
      if (created.containsKey(hold.id())) {
        created.put(hold.id(), resolved);
      }
      created.put(
          r.id(),
          new Stored(
              r.id(),
              hold.debit(),
              hold.credit(),
              r.phase() == Phase.POST ? amount : hold.amount(),
              hold.code(),
              r.phase(),
              hold.id(),
              null,
              null,
              hold.splitRule(),
              null,
              hold.reference()));
      return TransferResult.CREATED;
    }

    private void write() {
      List<Stored> rows = new ArrayList<>(created.values());
      if (!rows.isEmpty()) {
        jdbc.batchUpdate(
            "insert into ledger_transfer (id, debit_account, credit_account, amount, code, phase,"
                + " pending_id, state, expires_at, split_rule, reverses, reference, created_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
            rows.size(),
            (ps, s) -> {
              ps.setObject(1, s.id());
              ps.setString(2, s.debit());
              ps.setString(3, s.credit());
              ps.setBigDecimal(4, new BigDecimal(s.amount()));
              ps.setString(5, s.code());
              ps.setString(6, s.phase().column());
              ps.setObject(7, s.pendingId());
              ps.setString(8, s.state());
              ps.setTimestamp(9, s.expiresAt() == null ? null : Timestamp.from(s.expiresAt()));
              ps.setString(10, s.splitRule());
              ps.setObject(11, s.reverses());
              ps.setString(12, s.reference());
              ps.setTimestamp(13, Timestamp.from(now));
            });
      }
      List<Stored> holds =
          resolvedHolds.values().stream().filter(h -> existing.containsKey(h.id())).toList();
      if (!holds.isEmpty()) {
        jdbc.batchUpdate(
            "update ledger_transfer set state = ? where id = ?",
            holds,
            holds.size(),
            (ps, h) -> {
              ps.setString(1, h.state());
              ps.setObject(2, h.id());
            });
      }
      changed = writeAccounts(accounts.values());
    }
  }

  /** Releases a hold of {@code held} and posts {@code posted} of it (0 for a void or expiry). */
  private static void settle(Account debit, Account credit, BigInteger held, BigInteger posted) {
    debit.debitsPending = debit.debitsPending.subtract(held);
    credit.creditsPending = credit.creditsPending.subtract(held);
    debit.debitsPosted = debit.debitsPosted.add(posted);
    credit.creditsPosted = credit.creditsPosted.add(posted);
    debit.dirty = credit.dirty = true;
  }

  private static <T> void addIfPresent(Set<T> ids, T id) {
    if (id != null) {
      ids.add(id);
    }
  }

  private static boolean sameTransfer(Stored s, TransferRequest r) {
    if (s.phase() != r.phase()) {
      return false;
    }
    if (r.phase() == Phase.POST || r.phase() == Phase.VOID) {
      return Objects.equals(s.pendingId(), r.pendingId())
          && (r.phase() == Phase.VOID || r.amount().signum() == 0 || r.amount().equals(s.amount()));
    }
    return Objects.equals(s.debit(), r.debitAccount())
        && Objects.equals(s.credit(), r.creditAccount())
        && s.amount().equals(r.amount())
        && Objects.equals(s.code(), r.code())
        && Objects.equals(s.splitRule(), r.splitRule())
        && Objects.equals(s.reverses(), r.reverses())
        && Objects.equals(s.reference(), r.reference());
  }

  private Map<UUID, Stored> lockTransfers(Collection<UUID> ids) {
    return transfers(ids, " order by id for update");
  }

  /** Transfers are immutable but for a hold's state, so an existence check needs no lock. */
  private Map<UUID, Stored> findTransfers(Collection<UUID> ids) {
    return transfers(ids, "");
  }

  private Map<UUID, Stored> transfers(Collection<UUID> ids, String suffix) {
    Map<UUID, Stored> found = new HashMap<>();
    jdbc.query(
        "select * from ledger_transfer where id = any(?)" + suffix,
        ps -> ps.setArray(1, array(ps, "uuid", ids.toArray())),
        rs -> {
          Stored s = stored(rs, 0);
          found.put(s.id(), s);
        });
    return found;
  }

  private Map<String, Account> lockAccounts(Collection<String> ids) {
    Map<String, Account> found = new HashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    jdbc.query(
        "select "
            + Accounts.BALANCE_COLUMNS
            + " from ledger_account where id = any(?)"
            + " order by id for update",
        ps -> ps.setArray(1, array(ps, "text", ids.toArray())),
        rs -> {
          Account a = new Account(Accounts.balance(rs));
          found.put(a.id, a);
        });
    return found;
  }

  /** Hands the changed accounts' new balances to the observers (same transaction). */
  private void observe(List<Account> changed) {
    if (changed.isEmpty() || observers.isEmpty()) {
      return;
    }
    List<Accounts.Balance> balances =
        changed.stream()
            .map(
                a ->
                    new Accounts.Balance(
                        a.id,
                        a.flags,
                        a.debitsPending,
                        a.debitsPosted,
                        a.creditsPending,
                        a.creditsPosted))
            .sorted(java.util.Comparator.comparing(Accounts.Balance::id))
            .toList();
    for (BalanceObserver observer : observers) {
      observer.changed(balances);
    }
  }

  /** Writes the accounts the batch changed; those accounts. */
  private List<Account> writeAccounts(Collection<Account> all) {
    List<Account> changed = all.stream().filter(a -> a.dirty).toList();
    if (changed.isEmpty()) {
      return changed;
    }
    // one statement for the whole batch, not one UPDATE per account
    jdbc.update(
        "update ledger_account a set debits_pending = v.dp, debits_posted = v.dpo,"
            + " credits_pending = v.cp, credits_posted = v.cpo"
            + " from unnest(?::text[], ?::numeric[], ?::numeric[], ?::numeric[], ?::numeric[])"
            + " as v(id, dp, dpo, cp, cpo) where a.id = v.id",
        ps -> {
          int n = changed.size();
          Object[] ids = new Object[n];
          Object[] dp = new Object[n];
          Object[] dpo = new Object[n];
          Object[] cp = new Object[n];
          Object[] cpo = new Object[n];
          for (int i = 0; i < n; i++) {
            Account a = changed.get(i);
            ids[i] = a.id;
            dp[i] = new BigDecimal(a.debitsPending);
            dpo[i] = new BigDecimal(a.debitsPosted);
            cp[i] = new BigDecimal(a.creditsPending);
            cpo[i] = new BigDecimal(a.creditsPosted);
          }
          ps.setArray(1, array(ps, "text", ids));
          ps.setArray(2, array(ps, "numeric", dp));
          ps.setArray(3, array(ps, "numeric", dpo));
          ps.setArray(4, array(ps, "numeric", cp));
          ps.setArray(5, array(ps, "numeric", cpo));
        });
    return changed;
  }

  private static Array array(PreparedStatement ps, String type, Object[] values)
      throws SQLException {
    return ps.getConnection().createArrayOf(type, values);
  }

  static BigInteger integer(ResultSet rs, int column) throws SQLException {
    return rs.getBigDecimal(column).toBigIntegerExact();
  }

  static BigInteger integer(ResultSet rs, String column) throws SQLException {
    return rs.getBigDecimal(column).toBigIntegerExact();
  }

  static Stored stored(ResultSet rs, int row) throws SQLException {
    Timestamp expires = rs.getTimestamp("expires_at");
    return new Stored(
        rs.getObject("id", UUID.class),
        rs.getString("debit_account"),
        rs.getString("credit_account"),
        integer(rs, "amount"),
        rs.getString("code"),
        Phase.of(rs.getString("phase")),
        rs.getObject("pending_id", UUID.class),
        rs.getString("state"),
        expires == null ? null : expires.toInstant(),
        rs.getString("split_rule"),
        rs.getObject("reverses", UUID.class),
        rs.getString("reference"));
  }

  /** A transfer as the ledger holds it. */
  record Stored(
      UUID id,
      String debit,
      String credit,
      BigInteger amount,
      String code,
      Phase phase,
      UUID pendingId,
      String state,
      Instant expiresAt,
      String splitRule,
      UUID reverses,
      String reference) {

    Stored withState(String newState) {
      return new Stored(
          id, debit, credit, amount, code, phase, pendingId, newState, expiresAt, splitRule,
          reverses, reference);
    }
  }

  /** An account's balances while a batch holds its lock. */
  static final class Account {
    final String id;
    final int flags;
    BigInteger debitsPending;
    BigInteger debitsPosted;
    BigInteger creditsPending;
    BigInteger creditsPosted;
    boolean dirty;

    Account(Accounts.Balance b) {
      this.id = b.id();
      this.flags = b.flags();
      this.debitsPending = b.debitsPending();
      this.debitsPosted = b.debitsPosted();
      this.creditsPending = b.creditsPending();
      this.creditsPosted = b.creditsPosted();
    }

    boolean noOverdraft() {
      return (flags & AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS) != 0;
    }

    boolean sourceOnly() {
      return (flags & AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS) != 0;
    }
  }
}
