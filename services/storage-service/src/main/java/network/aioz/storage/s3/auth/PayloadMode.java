package network.aioz.storage.s3.auth;

/** How the request body is protected, from the {@code x-amz-content-sha256} value. */
public enum PayloadMode {
  /** {@code UNSIGNED-PAYLOAD}: the body is not covered by the signature. */
  UNSIGNED,
  /** A hex SHA-256 of the body, checked when the body ends. */
  SIGNED,
  /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}: aws-chunked with a signature per chunk. */
  STREAMING_SIGNED,
  /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}: signed chunks and a signed trailer. */
  STREAMING_SIGNED_TRAILER,
  /** {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}: aws-chunked without signatures, then a trailer. */
  STREAMING_UNSIGNED_TRAILER;

  static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  static final String STREAMING_PAYLOAD = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
  static final String STREAMING_PAYLOAD_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
  static final String STREAMING_UNSIGNED_TRAILER_VALUE = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

  /** True for the aws-chunked modes. */
  public boolean chunked() {
    return this == STREAMING_SIGNED
        || this == STREAMING_SIGNED_TRAILER
        || this == STREAMING_UNSIGNED_TRAILER;
  }

  /** True when the chunks carry signatures. */
  public boolean chunkSigned() {
    return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER;
  }

  /** True when a trailer follows the last chunk. */
  public boolean trailer() {
    return this == STREAMING_SIGNED_TRAILER || this == STREAMING_UNSIGNED_TRAILER;
  }
}
