/** Turns every error the gateway itself raises into an RFC 9457 problem+json response. */
package network.aioz.gateway.problem;
