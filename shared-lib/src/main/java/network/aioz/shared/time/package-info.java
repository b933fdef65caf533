/** One {@link java.time.Clock} bean per service, so tests can move time. */
package network.aioz.shared.time;
