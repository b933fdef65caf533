/**
 * Money entering and leaving the platform: on-chain deposits credited exactly once, the fiat
 * on-ramp (quotes, orders, signed provider webhooks), refunds and withdrawals held until the chain
 * or the provider confirms them, and goodwill credits by the platform.
 */
package network.aioz.billing.funding;
