/**
 * Real Kafka and PostgreSQL servers without Docker, shared by every module's tests and by the local
 * stack.
 */
package network.aioz.infra;
