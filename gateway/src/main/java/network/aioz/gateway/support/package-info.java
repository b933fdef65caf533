/** Plumbing the gateway's filters share: blocking database calls off the event loop. */
package network.aioz.gateway.support;
