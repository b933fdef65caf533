/**
 * The node's answers to storage challenges: Merkle audit paths over its stored pieces, signed with
 * the node key so an answer is attributable and bound to one challenge.
 */
package network.aioz.edge.proof;
