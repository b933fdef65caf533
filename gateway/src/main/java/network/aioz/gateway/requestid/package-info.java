/**
 * Gives every request an id that is forwarded to the service, returned to the client and logged.
 */
package network.aioz.gateway.requestid;
