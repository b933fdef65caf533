/**
 * Metering: usage events from Kafka deduplicated, aggregated per billing period, priced by the
 * price book and charged through the ledger, with the usage API, statements and period closes.
 */
package network.aioz.billing.metering;
