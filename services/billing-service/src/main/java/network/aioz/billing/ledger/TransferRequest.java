package network.aioz.billing.ledger;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * One transfer as a client asks for it. The id is the client's idempotency key: a retry with the
 * same id and fields changes nothing, with other fields it is refused.
 *
 * @param amount base units; for {@link Phase#POST} at most the held amount (the rest is released),
 *     for {@link Phase#VOID} ignored (0)
 * @param timeout how long a {@link Phase#PENDING} hold lives (null: {@link #DEFAULT_HOLD})
 * @param pendingId the hold a {@link Phase#POST} or {@link Phase#VOID} resolves
 */
public record TransferRequest(
    UUID id,
    String debitAccount,
    String creditAccount,
    BigInteger amount,
    String code,
    Phase phase,
    UUID pendingId,
    Duration timeout,
    String splitRule,
    UUID reverses,
    String reference) {

  public static final Duration DEFAULT_HOLD = Duration.ofHours(1);

  public TransferRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(phase, "phase");
    amount = amount == null ? BigInteger.ZERO : amount;
  }

  /** A transfer that moves {@code amount} at once. */
  public static TransferRequest posted(
      UUID id, String debit, String credit, BigInteger amount, String code, String reference) {
    return new TransferRequest(
        id, debit, credit, amount, code, Phase.POSTED, null, null, null, null, reference);
  }

  /** A hold of {@code amount} for {@code timeout}. */
  public static TransferRequest pending(
      UUID id,
      String debit,
      String credit,
      BigInteger amount,
      String code,
      Duration timeout,
      String reference) {
    return new TransferRequest(
        id, debit, credit, amount, code, Phase.PENDING, null, timeout, null, null, reference);
  }

  /** Posts {@code amount} (at most what was held) of hold {@code pendingId}. */
  public static TransferRequest post(UUID id, UUID pendingId, BigInteger amount) {
    return new TransferRequest(
        id, null, null, amount, null, Phase.POST, pendingId, null, null, null, null);
  }

  /** Releases hold {@code pendingId}. */
  public static TransferRequest voidHold(UUID id, UUID pendingId) {
    return new TransferRequest(
        id, null, null, BigInteger.ZERO, null, Phase.VOID, pendingId, null, null, null, null);
  }
}
