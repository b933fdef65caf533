/**
 * Transactional outbox and idempotent inbox: events are stored in the same database transaction as
 * the state change and relayed to Kafka afterwards; consumers record each event id in the same
 * transaction as its effect.
 */
package network.aioz.shared.outbox;
