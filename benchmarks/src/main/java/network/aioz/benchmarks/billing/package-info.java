/** Load drivers of billing-service's ledger. */
package network.aioz.benchmarks.billing;
