/** The chain node the adapter talks to, the settings that name it, and the committing key. */
package network.aioz.chain.node;
