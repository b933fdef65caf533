/**
 * Applies proof results (from the proof service's {@code proof.result} topic) to tasks, reputation
 * and receipts.
 */
package network.aioz.ledger.proof;
