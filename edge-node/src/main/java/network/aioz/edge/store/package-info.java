/**
 * The content-addressed piece store on the operator's disk, within its quota, and the HTTP API that
 * writes and serves pieces.
 */
package network.aioz.edge.store;
