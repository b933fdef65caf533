package network.aioz.billing.economics;

/**
 * Who gets a share of a fee. The declaration order is the tie-break order when a base unit is left
 * over: the earlier party gets it.
 */
public enum Party {
  CREATOR,
  EDGES,
  VALIDATORS,
  TREASURY
}
