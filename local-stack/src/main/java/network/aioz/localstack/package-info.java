/** Runs the whole platform on one machine, as separate processes, for developers and e2e tests. */
package network.aioz.localstack;
