/** The fees users paid on chain, block by block, reported to billing once per block. */
package network.aioz.chain.fees;
