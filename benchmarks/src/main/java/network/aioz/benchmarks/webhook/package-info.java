/**
 * Load driver for webhook deliveries per second: Kafka events in, signed HTTP calls out to a local
 * receiver that verifies every signature.
 */
package network.aioz.benchmarks.webhook;
