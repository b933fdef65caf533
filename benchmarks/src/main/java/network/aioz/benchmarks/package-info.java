/** JMH benchmarks of the platform's hot paths; run them from the uber-jar benchmarks.jar. */
package network.aioz.benchmarks;
