/** Limits on what a client may send through the gateway. */
package network.aioz.gateway.limits;
