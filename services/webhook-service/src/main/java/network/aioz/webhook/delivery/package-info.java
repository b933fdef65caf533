/**
 * Messages and their deliveries: the database-backed queue, the workers that sign and send, the
 * retry schedule and the delivery log tenants read.
 */
package network.aioz.webhook.delivery;
