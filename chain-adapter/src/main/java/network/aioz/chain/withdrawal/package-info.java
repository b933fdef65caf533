/**
 * Tenants' withdrawals to a chain address: billing's requests, paid once each from the adapter's
 * account by a native transfer, and answered with the transaction that paid or the reason it
 * failed.
 */
package network.aioz.chain.withdrawal;
