/**
 * Storj-style beta reputation with forgetting: per-track scores from audits, unknown audits, task
 * completion and uptime, the status rules built on them, and the reward multiplier billing uses.
 */
package network.aioz.ledger.reputation;
