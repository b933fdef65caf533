package network.aioz.ledger.reputation;

/** The result of one proof check of a node. */
public enum AuditOutcome {
  /** The proof verified. */
  PASS,
  /** The proof was wrong: the node lost or altered data. */
  FAIL,
  /** Neither: a timeout or a malformed answer. Counts against the unknown-audit track only. */
  UNKNOWN
}
