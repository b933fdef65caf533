/**
 * The data path: encryption under per-blob data keys, segments, erasure-coded pieces with their
 * Merkle roots, placement through the ledger, and piece transfer to and from edge nodes.
 */
package network.aioz.storage.data;
