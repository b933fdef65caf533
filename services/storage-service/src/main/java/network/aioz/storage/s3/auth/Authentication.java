package network.aioz.storage.s3.auth;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/** A request whose SigV4 signature checked out: who sent it, and how its body is protected. */
public final class Authentication {

  private final Credential credential;
  private final PayloadMode payloadMode;
  private final String payloadHash;
  private final boolean presigned;
  private final String region;
  private final Instant requestTime;
  private final String amzDate;
  private final String scope;
  private final String signature;
  private final List<String> signedHeaders;
  private final byte[] signingKey;
  private final long decodedContentLength;

  Authentication(
      Credential credential,
      PayloadMode payloadMode,
      String payloadHash,
      boolean presigned,
      String region,
      Instant requestTime,
      String amzDate,
      String scope,
      String signature,
      List<String> signedHeaders,
      byte[] signingKey,
      long decodedContentLength) {
    this.credential = credential;
    this.payloadMode = payloadMode;
    this.payloadHash = payloadHash;
    this.presigned = presigned;
    this.region = region;
    this.requestTime = requestTime;
    this.amzDate = amzDate;
    this.scope = scope;
    this.signature = signature;
    this.signedHeaders = List.copyOf(signedHeaders);
    this.signingKey = signingKey;
    this.decodedContentLength = decodedContentLength;
  }

  public String accessKeyId() {
    return credential.accessKeyId();
  }

  public String tenantId() {
    return credential.tenantId();
  }

  public Credential credential() {
    return credential;
  }

  public PayloadMode payloadMode() {
    return payloadMode;
  }

  public boolean presigned() {
    return presigned;
  }

  public String region() {
    return region;
  }

  /** The signed request time ({@code x-amz-date}, {@code Date} or {@code X-Amz-Date}). */
  public Instant requestTime() {
    return requestTime;
  }

  /** Lower-case names of the signed headers, as the client listed them. */
  public List<String> signedHeaders() {
    return signedHeaders;
  }

  /**
   * The body as the client meant it: decoded and verified as it streams. Throws {@link
   * network.aioz.storage.s3.S3Exception} right away for malformed Content-MD5 or checksum headers.
   *
   * @param raw the body bytes exactly as received (after HTTP transfer decoding)
   */
  public VerifiedBody body(InputStream raw, RequestView request) {
    ChecksumPlan plan = ChecksumPlan.from(request, payloadMode);
    if (payloadMode.chunked()) {
      ChunkSigner signer =
          payloadMode.chunkSigned() ? new ChunkSigner(signingKey, amzDate, scope, signature) : null;
      AwsChunkedDecoder decoder =
          new AwsChunkedDecoder(
              raw, payloadMode, signer, decodedContentLength, plan.announcedTrailers());
      return new VerifiedBody(decoder, decoder, decodedContentLength, null, plan);
    }
    long length = contentLength(request);
    String expectedSha = payloadMode == PayloadMode.SIGNED ? payloadHash : null;
    return new VerifiedBody(raw, null, length, expectedSha, plan);
  }

  private static long contentLength(RequestView request) {
    String value = request.header("content-length");
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public String toString() {
    return "Authentication[accessKeyId="
        + accessKeyId()
        + ", tenantId="
        + tenantId()
        + ", payloadMode="
        + payloadMode
        + ", presigned="
        + presigned
        + ", region="
        + region
        + "]";
  }
}
