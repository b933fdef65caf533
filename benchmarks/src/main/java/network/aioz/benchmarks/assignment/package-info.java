/** Throughput of the ledger's assignment engine over a registry of ten thousand edge nodes. */
package network.aioz.benchmarks.assignment;
