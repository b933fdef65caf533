/** A tenant's AIOZ account over HTTP: balance, history and (in development) top-ups. */
package network.aioz.billing.account;
