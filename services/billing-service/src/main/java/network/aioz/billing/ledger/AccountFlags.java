package network.aioz.billing.ledger;

/** Bits of an account's {@code flags}; PostgreSQL checks them too. */
public final class AccountFlags {

  /** Debits (posted and pending) never exceed posted credits: a balance never goes negative. */
  public static final int DEBITS_MUST_NOT_EXCEED_CREDITS = 1;

  /** Credits (posted and pending) never exceed posted debits. */
  public static final int CREDITS_MUST_NOT_EXCEED_DEBITS = 2;

  private AccountFlags() {}
}
