package network.aioz.storage.s3.auth;

/**
 * Verifies the chained signatures of aws-chunked bodies: each chunk's signature covers the previous
 * signature, so chunks cannot be dropped, reordered or replayed.
 */
final class ChunkSigner {

  private final byte[] signingKey;
  private final String amzDate;
  private final String scope;
  private String previousSignature;

  ChunkSigner(byte[] signingKey, String amzDate, String scope, String seedSignature) {
    this.signingKey = signingKey;
    this.amzDate = amzDate;
    this.scope = scope;
    this.previousSignature = seedSignature;
  }

  String chunkStringToSign(String chunkSha256Hex) {
    return "AWS4-HMAC-SHA256-PAYLOAD\n"
        + amzDate
        + '\n'
        + scope
        + '\n'
        + previousSignature
        + '\n'
        + Crypto.EMPTY_SHA256
        + '\n'
        + chunkSha256Hex;
  }

  String trailerStringToSign(String trailerSha256Hex) {
    return "AWS4-HMAC-SHA256-TRAILER\n"
        + amzDate
        + '\n'
        + scope
        + '\n'
        + previousSignature
        + '\n'
        + trailerSha256Hex;
  }

  /** True when the provided signature matches; the chain then moves on to it. */
  boolean verifyChunk(String chunkSha256Hex, String provided) {
    return verify(chunkStringToSign(chunkSha256Hex), provided);
  }

  boolean verifyTrailer(String trailerSha256Hex, String provided) {
    return verify(trailerStringToSign(trailerSha256Hex), provided);
  }

  private boolean verify(String stringToSign, String provided) {
    String expected = Crypto.signHex(signingKey, stringToSign);
    if (provided == null || !Crypto.sameSignature(expected, provided)) {
      return false;
    }
    previousSignature = expected;
    return true;
  }
}
