package network.aioz.billing.ledger;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Opens accounts and reads their balances. */
public class Accounts {

  private final JdbcTemplate jdbc;

  public Accounts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** What a tenant's account id starts with. */
  public static final String TENANT_PREFIX = "tenant:";

  // The platform's own accounts (created by the migrations). Revenue is split from REVENUE to
  // EDGES (the edges' pool), VALIDATORS, TREASURY and creators' tenant accounts; burns go to BURN.
  public static final String REVENUE = "platform:revenue";
  public static final String EDGES = "platform:edges";
  public static final String VALIDATORS = "platform:validators";
  public static final String TREASURY = "platform:treasury";
  public static final String BURN = "platform:burn";

  /** Sources of tokens from outside: their debits exceed their credits by what came in. */
  public static final String MINT = "platform:mint";

  public static final String DEPOSITS = "platform:deposits";
  public static final String ONRAMP = "platform:onramp";
  public static final String DEV_TOP_UP = "platform:dev-top-up";

  /** Refunds to wallets wait here until the chain adapter has paid them. */
  public static final String WITHDRAWALS = "platform:withdrawals";

  /** The id of a tenant's spendable account. */
  public static String tenantAccount(String tenantId) {
    return TENANT_PREFIX + tenantId;
  }

  /** Opens the tenant's account (it may never go negative) unless it exists; its id. */
  public String openTenant(String tenantId) {
    String id = tenantAccount(tenantId);
    jdbc.update(
        "insert into ledger_account (id, kind, tenant_id, flags) values (?, 'tenant', ?, ?)"
            + " on conflict do nothing",
        id,
        tenantId,
        AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS);
    return id;
  }

  /** The columns {@link #balance(ResultSet)} reads, in its order. */
  static final String BALANCE_COLUMNS =
      "id, flags, debits_pending, debits_posted, credits_pending, credits_posted";

  /**
   * The tenant's balance; a tenant nothing was ever credited to has no row yet (accounts open on
   * their first credit) and reads as all zeros, so reads never write.
   */
  public Balance tenantBalance(String tenantId) {
    String id = tenantAccount(tenantId);
    BigInteger zero = BigInteger.ZERO;
    return balance(id)
        .orElseGet(
            () ->
                new Balance(
                    id, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS, zero, zero, zero, zero));
  }

  public Optional<Balance> balance(String accountId) {
    return jdbc
        .query(
            "select " + BALANCE_COLUMNS + " from ledger_account where id = ?",
            (rs, i) -> balance(rs),
            accountId)
        .stream()
        .findFirst();
  }

  static Balance balance(ResultSet rs) throws SQLException {
    return new Balance(
        rs.getString(1),
        rs.getInt(2),
        Ledger.integer(rs, 3),
        Ledger.integer(rs, 4),
        Ledger.integer(rs, 5),
        Ledger.integer(rs, 6));
  }

  /** Σ over every account of posted debits and of posted credits, and of the pending ones. */
  public Totals totals() {
    return jdbc.queryForObject(
        "select coalesce(sum(debits_posted), 0), coalesce(sum(credits_posted), 0),"
            + " coalesce(sum(debits_pending), 0), coalesce(sum(credits_pending), 0)"
            + " from ledger_account",
        (rs, i) ->
            new Totals(
                Ledger.integer(rs, 1),
                Ledger.integer(rs, 2),
                Ledger.integer(rs, 3),
                Ledger.integer(rs, 4)));
  }

  /** An account's running sums. */
  public record Balance(
      String id,
      int flags,
      BigInteger debitsPending,
      BigInteger debitsPosted,
      BigInteger creditsPending,
      BigInteger creditsPosted) {

    /** What the owner may still spend: posted credits less posted and held debits. */
    public BigInteger available() {
      return creditsPosted.subtract(debitsPosted).subtract(debitsPending);
    }

    /** Posted credits less posted debits (holds not deducted). */
    public BigInteger posted() {
      return creditsPosted.subtract(debitsPosted);
    }
  }

  /** Ledger-wide sums: posted debits equal posted credits, pending debits equal pending credits. */
  public record Totals(
      BigInteger debitsPosted,
      BigInteger creditsPosted,
      BigInteger debitsPending,
      BigInteger creditsPending) {

    public boolean balanced() {
      return debitsPosted.equals(creditsPosted) && debitsPending.equals(creditsPending);
    }
  }
}
