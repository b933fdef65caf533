/**
 * How an edge node proves who it is: a secp256k1 key whose Ethereum address is the node id, and the
 * signed-request scheme every edge-to-platform call uses.
 */
package network.aioz.shared.edge;
