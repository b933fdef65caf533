/**
 * Authenticates every request (API key, wallet-session JWT, or an S3 access key left to
 * storage-service's SigV4 check) through identity-service and forwards the signed internal identity
 * token services trust.
 */
package network.aioz.gateway.identity;
