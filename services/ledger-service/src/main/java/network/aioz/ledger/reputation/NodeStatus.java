package network.aioz.ledger.reputation;

/** Where a node stands; the registry stores it and passes it to {@link NodeReputation#evaluate}. */
public enum NodeStatus {
  /** New: takes a small share of work until it has passed enough audits. */
  VETTING,
  ACTIVE,
  /** Too many unknown audits: no new work and no reward until it recovers or the grace ends. */
  SUSPENDED,
  /** Disqualified for good. */
  EJECTED
}
