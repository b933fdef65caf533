/**
 * Tasks of every kind with one lifecycle (requested, assigned, running, submitted, proven or
 * failed, reassigned or settled), their assignment to edges, and the APIs services and edges use to
 * drive them.
 */
package network.aioz.ledger.task;
