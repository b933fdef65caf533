/** The settlement contracts' ABI and bytecode, as solc compiled them at build time. */
package network.aioz.chain.contracts;
