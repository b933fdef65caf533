/** Usage events per second through the real broker into billing-service's metering. */
package network.aioz.benchmarks.metering;
