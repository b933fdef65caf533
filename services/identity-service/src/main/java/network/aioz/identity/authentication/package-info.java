/** The gateway's credential check: an API key or a user JWT in, the caller's identity out. */
package network.aioz.identity.authentication;
