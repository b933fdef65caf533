/** API keys: issued once, stored as hashes, scoped, revocable, with coalesced last-use times. */
package network.aioz.identity.apikey;
