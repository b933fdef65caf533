/**
 * What every feature of the ledger shares: settings, JSON reading, problem responses, caller
 * identity, epochs.
 */
package network.aioz.ledger.support;
