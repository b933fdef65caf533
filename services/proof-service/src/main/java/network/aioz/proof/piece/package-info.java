/**
 * The pieces the service challenges and the nodes that hold them, kept from the storage service's
 * {@code storage.piece} and the ledger's {@code ledger.edge} events, and when each is due next.
 */
package network.aioz.proof.piece;
