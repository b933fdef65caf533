package network.aioz.proof.challenge;

/** The body of {@code POST {endpoint}/challenges}, exactly as sent. */
record SentChallenge(
    String challengeId,
    String pieceDigest,
    int blockSize,
    long blockIndex,
    boolean includeData,
    String nonce) {}
