/** Settings of the webhook service and the catalogue of event types tenants can subscribe to. */
package network.aioz.webhook.support;
