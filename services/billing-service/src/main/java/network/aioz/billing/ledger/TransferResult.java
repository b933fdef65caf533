package network.aioz.billing.ledger;

/** What became of one transfer of a batch. */
public enum TransferResult {
  CREATED(true),
  /** The same transfer was created before: nothing changed. */
  EXISTS(true),
  EXISTS_WITH_DIFFERENT_FIELDS(false),
  AMOUNT_MUST_BE_POSITIVE(false),
  AMOUNT_TOO_LARGE(false),
  ACCOUNTS_MUST_BE_DIFFERENT(false),
  DEBIT_ACCOUNT_NOT_FOUND(false),
  CREDIT_ACCOUNT_NOT_FOUND(false),
  CODE_REQUIRED(false),
  /** The debit would take a no-overdraft account below zero. */
  EXCEEDS_CREDITS(false),
  /** The credit would take a source-only account above zero. */
  EXCEEDS_DEBITS(false),
  PENDING_TRANSFER_NOT_FOUND(false),
  PENDING_TRANSFER_NOT_PENDING(false),
  PENDING_TRANSFER_ALREADY_POSTED(false),
  PENDING_TRANSFER_ALREADY_VOIDED(false),
  PENDING_TRANSFER_EXPIRED(false),
  POST_EXCEEDS_PENDING_AMOUNT(false),
  TIMEOUT_INVALID(false),
  REVERSED_TRANSFER_NOT_FOUND(false),
  /** Another transfer of an all-or-nothing batch failed, so this one was not applied. */
  LINKED_TRANSFER_FAILED(false);

  private final boolean ok;

  TransferResult(boolean ok) {
    this.ok = ok;
  }

  /** Whether the transfer is in the ledger (created now or before). */
  public boolean ok() {
    return ok;
  }
}
