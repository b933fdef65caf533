package network.aioz.chain.tx;

import java.math.BigInteger;
import java.time.Instant;

/**
 * One signed attempt at a nonce. Attempts of the same nonce carry the same call (and {@code value},
 * the wei it pays) with higher fees; at most one of them is ever mined.
 */
public record ChainTx(
    long id,
    String sender,
    long nonce,
    int attempt,
    String purpose,
    String reference,
    String to,
    byte[] data,
    long gasLimit,
    BigInteger maxFee,
    BigInteger maxPriorityFee,
    byte[] raw,
    String hash,
    String state,
    Instant createdAt,
    Instant broadcastAt,
    int broadcasts,
    String lastError,
    BigInteger value) {}
