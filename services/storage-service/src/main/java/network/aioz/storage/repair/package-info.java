/**
 * Keeping data whole: the repair queue (segments by health), what puts segments on it (failed
 * proofs, nodes suspended, ejected or offline, failed tasks, corrupt reads), and the collection of
 * abandoned writes.
 */
package network.aioz.storage.repair;
