/**
 * Settlement of sealed epochs: the receipts root (task ledger) and rewards root and fee totals
 * (billing) of each epoch, committed once, in order, to the SettlementRegistry.
 */
package network.aioz.chain.settlement;
