package network.aioz.billing.metering;

import java.math.BigInteger;
import java.time.Instant;

/**
 * One quantity of one unit a tenant used, as an event reported it.
 *
 * @param creatorId the tenant whose content was used ({@code ""}: none)
 * @param holdId the billing hold to charge against ({@code ""}: none)
 */
record Usage(
    String tenantId,
    String service,
    String unit,
    String region,
    String creatorId,
    String holdId,
    BigInteger quantity,
    Instant occurredAt) {}
