/** The identity service: tenants, wallet sign-in, user tokens, API keys and S3 keys. */
package network.aioz.identity;
