/**
 * The CloudEvents 1.0 envelope every platform event travels in on Kafka: binary mode, message key =
 * aggregate id.
 */
package network.aioz.shared.event;
