/**
 * Chooses edge nodes for work: filters by capability, capacity and reputation, spreads the pieces
 * of one object over regions and fault domains, and balances load with power-of-two choices.
 */
package network.aioz.ledger.assignment;
