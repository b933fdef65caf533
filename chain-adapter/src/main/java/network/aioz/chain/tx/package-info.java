/**
 * The committing account's transactions: one writer, persisted nonces, signed bytes stored before
 * they are broadcast, EIP-1559 fees under caps, replacement of stuck transactions, receipts.
 */
package network.aioz.chain.tx;
