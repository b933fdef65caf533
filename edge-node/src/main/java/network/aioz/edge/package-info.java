/** The edge-node agent: its configuration, its lifecycle and its entry point. */
package network.aioz.edge;
