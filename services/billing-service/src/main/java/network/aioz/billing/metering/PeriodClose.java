package network.aioz.billing.metering;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;

/**
 * The totals of a closed period, fixed when it closed: what its usage earned (charged, by service
 * and by party of the fee splits) and what stayed owed then. Amounts in base units.
 *
 * @param revenueByService charged per service
 * @param revenueByParty split out per party: {@code creator}, {@code edges}, {@code validators},
 *     {@code treasury}
 * @param due the priced usage of the period
 * @param charged what was charged of it (Σ revenueByService)
 * @param owed {@code due − charged} at the close
 */
public record PeriodClose(
    String periodId,
    Instant startsAt,
    Instant endsAt,
    Instant closedAt,
    Map<String, BigInteger> revenueByService,
    Map<String, BigInteger> revenueByParty,
    BigInteger due,
    BigInteger charged,
    BigInteger owed) {}
