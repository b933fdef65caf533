package network.aioz.chain.withdrawal;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/**
 * A withdrawal and where it stands: {@code requested} (to be paid; {@code lastError} says why it
 * waits), {@code sending} (its transaction is in flight), {@code paid}, or {@code failed} ({@code
 * lastError} says why; billing returned the money).
 */
record Withdrawal(
    UUID refundId,
    String tenantId,
    String address,
    BigInteger amount,
    Instant expiresAt,
    String state,
    Long txId,
    String txHash,
    Long blockNumber,
    String lastError,
    Instant requestedAt,
    Instant updatedAt) {

  static final String REQUESTED = "requested";
  static final String SENDING = "sending";
  static final String PAID = "paid";
  static final String FAILED = "failed";

  /** Whether {@code request} asks for exactly this withdrawal. */
  boolean sameAs(WithdrawalRequest request) {
    return tenantId.equals(request.tenantId())
        && address.equals(request.address())
        && amount.equals(request.amount())
        && expiresAt.equals(request.expiresAt());
  }
}
