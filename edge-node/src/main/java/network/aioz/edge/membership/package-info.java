/** How the node joins the network and stays in it: registration with retries and heartbeats. */
package network.aioz.edge.membership;
