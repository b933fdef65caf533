package network.aioz.billing.pricing;

import java.time.Instant;
import java.util.List;

/** One version of the price book with every price it holds. */
public record PriceVersion(int version, Instant effectiveFrom, String note, List<Price> prices) {}
