/**
 * Open-loop load driver for the latency the gateway adds to a cheap authenticated read on the local
 * stack, compared with calling the service directly.
 */
package network.aioz.benchmarks.gateway;
