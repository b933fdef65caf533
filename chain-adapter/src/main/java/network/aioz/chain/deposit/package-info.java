/** Tenants' on-chain deposits: read from the TenantDeposits logs and reported to billing once. */
package network.aioz.chain.deposit;
