/** Where each reader of the chain goes on: the next block, kept with what it wrote. */
package network.aioz.chain.cursor;
