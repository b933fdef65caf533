package network.aioz.billing.metering;

/**
 * Beans called when a period closes, inside the close's transaction (burns, minting and the supply
 * report hook in here): what they record commits with the close or not at all. Called once per
 * period.
 */
public interface PeriodClosedListener {

  void closed(PeriodClose close);
}
