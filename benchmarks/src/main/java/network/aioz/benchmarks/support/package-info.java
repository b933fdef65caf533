/** What several load drivers share: running a platform service in the driver's own JVM. */
package network.aioz.benchmarks.support;
