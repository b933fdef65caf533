/**
 * The token ledger: accounts and immutable double-entry transfers with two-phase holds, applied in
 * batches under row locks so every balance stays exact and within its account's flags.
 */
package network.aioz.billing.ledger;
