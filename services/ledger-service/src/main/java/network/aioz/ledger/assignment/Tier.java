package network.aioz.ledger.assignment;

/** How much spread a pick insists on; a pick relaxes tier by tier only when nothing fits. */
enum Tier {
  /** Only the requested region. */
  PREFERRED_REGION,
  /**
   * A fault domain this selection has not used, in a region it has used at most {@link
   * Selection#spreadLevel()} times; levels rise from 0 (a new region) one by one.
   */
  SPREAD,
  /** Any node not chosen yet. */
  ANY
}
