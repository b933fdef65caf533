/** Turns platform CloudEvents from Kafka into webhook messages, once per event (inbox). */
package network.aioz.webhook.ingest;
