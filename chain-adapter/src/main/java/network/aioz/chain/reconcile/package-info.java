/** Compares what the chain holds with what the adapter recorded, and reports every difference. */
package network.aioz.chain.reconcile;
