package network.aioz.billing.pricing;

import java.math.BigInteger;

/**
 * What {@code per} units of a service's usage cost, in base units, under one price book version.
 *
 * @param region the region the row is for, {@code *} for any region without a row of its own
 */
public record Price(
    int version, String service, String unit, String region, BigInteger amount, BigInteger per) {

  /**
   * What {@code quantity} costs, rounded down once: priced on the cumulative quantity of a period,
   * the increments charged sum exactly to the price of the total.
   */
  public BigInteger due(BigInteger quantity) {
    return quantity.multiply(amount).divide(per);
  }
}
