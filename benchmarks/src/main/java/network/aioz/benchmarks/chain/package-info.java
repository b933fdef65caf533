/**
 * Gas of on-chain settlement (epoch commits, reward claims) on anvil, next to per-item transfers.
 */
package network.aioz.benchmarks.chain;
