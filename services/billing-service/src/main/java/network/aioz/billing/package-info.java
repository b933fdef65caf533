/** The billing service: the platform's economy, exact to the base unit. */
package network.aioz.billing;
