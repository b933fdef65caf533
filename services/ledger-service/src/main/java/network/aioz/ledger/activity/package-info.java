/**
 * Per-node, per-epoch activity beyond receipts (task attempts, faults, uptime from heartbeats) that
 * sealed epochs carry for billing's rewards.
 */
package network.aioz.ledger.activity;
