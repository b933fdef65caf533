/** Per-period minting and burns, the ledger transfers that carry them, and the supply report. */
package network.aioz.billing.supply;
