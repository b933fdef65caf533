package network.aioz.billing.funding;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * Ledger transfer ids derived from business keys: the same business fact always maps to the same
 * transfer, so a retried or redelivered request is {@code EXISTS} in the ledger and moves nothing.
 */
final class FundingIds {

  private FundingIds() {}

  static UUID deposit(long chainId, String txHash, int logIndex) {
    return of("deposit:" + chainId + ":" + txHash.toLowerCase(Locale.ROOT) + ":" + logIndex);
  }

  static UUID onrampCredit(UUID orderId) {
    return of("onramp:" + orderId);
  }

  static UUID refundHold(UUID refundId) {
    return of("refund-hold:" + refundId);
  }

  static UUID refundPost(UUID refundId) {
    return of("refund-post:" + refundId);
  }

  static UUID refundVoid(UUID refundId) {
    return of("refund-void:" + refundId);
  }

  private static UUID of(String key) {
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
  }
}
