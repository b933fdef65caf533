/** Tenants' webhook endpoints: URL, subscribed event types, signing secrets and their rotation. */
package network.aioz.webhook.endpoint;
