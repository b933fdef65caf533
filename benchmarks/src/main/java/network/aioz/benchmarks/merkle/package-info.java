/**
 * JMH benchmarks of the epoch receipt Merkle tree: sealing a million receipts and proving a few.
 */
package network.aioz.benchmarks.merkle;
