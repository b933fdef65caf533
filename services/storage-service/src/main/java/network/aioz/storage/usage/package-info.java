/** Metering for billing: stored bytes over time, egress and ingress bytes, request counts. */
package network.aioz.storage.usage;
