/**
 * The internal identity token: issued by the gateway after it authenticated a request, verified by
 * every service with the gateway's public key; services trust nothing else about who is calling.
 */
package network.aioz.shared.identity;
