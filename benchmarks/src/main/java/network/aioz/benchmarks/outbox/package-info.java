/**
 * Load driver for outbox-to-consumer throughput through a real Kafka broker and a real PostgreSQL.
 */
package network.aioz.benchmarks.outbox;
