/** The versioned price book: prices per service, unit and region, superseded but never edited. */
package network.aioz.billing.pricing;
