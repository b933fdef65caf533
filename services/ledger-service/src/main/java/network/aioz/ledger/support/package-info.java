/**
 * What every feature of the ledger shares: settings, strict JSON reading, node addresses, epochs.
 */
package network.aioz.ledger.support;
