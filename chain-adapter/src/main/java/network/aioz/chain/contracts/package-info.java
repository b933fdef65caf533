/**
 * The settlement contracts: ABI and bytecode as solc compiled them at build time, and deployment.
 */
package network.aioz.chain.contracts;
