package network.aioz.billing.ledger;

/** What a transfer does to balances. */
public enum Phase {
  /** Moves the amount at once. */
  POSTED,
  /** Reserves the amount (a hold): pending on both accounts until posted, voided or expired. */
  PENDING,
  /** Moves up to the held amount of {@code pendingId} and releases the rest. */
  POST,
  /** Releases the hold {@code pendingId}. */
  VOID;

  String column() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static Phase of(String column) {
    return valueOf(column.toUpperCase(java.util.Locale.ROOT));
  }
}
