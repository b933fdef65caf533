/** Wallet sessions: user JWTs, rotating refresh tokens, sign-out and the JWKS. */
package network.aioz.identity.session;
