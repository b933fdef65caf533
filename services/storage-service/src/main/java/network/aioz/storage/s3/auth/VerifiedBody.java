package network.aioz.storage.s3.auth;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;

/**
 * The request body as the client meant it: decoded from aws-chunked when needed, and verified while
 * it streams (payload SHA-256, chunk and trailer signatures, Content-MD5, x-amz-checksum-*). Any
 * failure is an {@link S3Exception} (or the transport's IOException) thrown from {@code read}, and
 * again from every later read. The body is complete only once {@code read} has returned -1; bytes
 * returned before a failure must be discarded.
 */
public final class VerifiedBody extends InputStream {

  private final InputStream source;
  private final AwsChunkedDecoder decoder;
  private final long decodedLength;
  private final boolean lengthKnownUpFront;
  private final String expectedSha256Hex;
  private final ChecksumPlan checksumPlan;
  private final MessageDigest md5 = Crypto.digest("MD5");
  private final MessageDigest sha256;
  private final Map<ChecksumAlgorithm, ChecksumAlgorithm.Calculator> calculators =
      new EnumMap<>(ChecksumAlgorithm.class);
  private final Map<ChecksumAlgorithm, String> checksums = new EnumMap<>(ChecksumAlgorithm.class);

  private long count;
  private byte[] md5Value;
  private boolean complete;
  private RuntimeException failure;
  private IOException ioFailure;

  VerifiedBody(
      InputStream source,
      AwsChunkedDecoder decoder,
      long decodedLength,
      String expectedSha256Hex,
      ChecksumPlan checksumPlan) {
    this.source = source;
    this.decoder = decoder;
    this.decodedLength = decodedLength;
    this.lengthKnownUpFront = decodedLength >= 0;
    this.expectedSha256Hex = expectedSha256Hex;
    this.checksumPlan = checksumPlan;
    this.sha256 = expectedSha256Hex == null ? null : Crypto.sha256();
    for (ChecksumAlgorithm algorithm : checksumPlan.algorithmsToCompute()) {
      calculators.put(algorithm, algorithm.newCalculator());
    }
  }

  /** The decoded length announced by the client, or -1 when it is unknown up front. */
  public long decodedLength() {
    return decodedLength;
  }

  /** Decoded bytes read so far. */
  public long bytesRead() {
    return count;
  }

  /** True once {@code read} returned -1: every check passed. */
  public boolean complete() {
    return complete;
  }

  /** MD5 of the decoded bytes (the ETag of a single-part object); only after a complete read. */
  public byte[] md5() {
    requireComplete();
    return md5Value.clone();
  }

  /**
   * The x-amz-checksum values (base64) that were verified or computed; only after a complete read.
   */
  public Map<ChecksumAlgorithm, String> checksums() {
    requireComplete();
    return Map.copyOf(checksums);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n;
    do {
      n = read(one, 0, 1);
    } while (n == 0);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (failure != null) {
      throw failure;
    }
    if (ioFailure != null) {
      throw ioFailure;
    }
    if (complete) {
      return -1;
    }
    try {
      int n = source.read(b, off, len);
      if (n < 0) {
        finish();
        return -1;
      }
      count += n;
      if (lengthKnownUpFront && count > decodedLength) {
        throw new S3Exception(
            S3ErrorCode.IncompleteBody, "The body is longer than its announced length.");
      }
      md5.update(b, off, n);
      if (sha256 != null) {
        sha256.update(b, off, n);
      }
      for (ChecksumAlgorithm.Calculator c : calculators.values()) {
        c.update(b, off, n);
      }
      return n;
    } catch (S3Exception e) {
      failure = e;
      throw e;
    } catch (IOException e) {
      // the decoder's position is unknown after a failed read: never resume, never reach -1
      ioFailure = e;
      throw e;
    }
  }

  private void finish() {
    if (lengthKnownUpFront && count != decodedLength) {
      throw new S3Exception(S3ErrorCode.IncompleteBody)
          .detail("NumberBytesExpected", Long.toString(decodedLength))
          .detail("NumberBytesProvided", Long.toString(count));
    }
    if (sha256 != null) {
      String computed = Crypto.HEX.formatHex(sha256.digest());
      if (!computed.equals(expectedSha256Hex)) {
        throw new S3Exception(S3ErrorCode.XAmzContentSHA256Mismatch)
            .detail("ClientComputedContentSHA256", expectedSha256Hex)
            .detail("S3ComputedContentSHA256", computed);
      }
    }
    byte[] digest = md5.digest();
    byte[] expectedMd5 = checksumPlan.contentMd5();
    if (expectedMd5 != null && !MessageDigest.isEqual(expectedMd5, digest)) {
      throw new S3Exception(
              S3ErrorCode.BadDigest,
              "The Content-MD5 you specified did not match what we received.")
          .detail("ExpectedDigest", Crypto.HEX.formatHex(expectedMd5))
          .detail("CalculatedDigest", Crypto.HEX.formatHex(digest));
    }
    Map<ChecksumAlgorithm, String> expected = new EnumMap<>(ChecksumAlgorithm.class);
    expected.putAll(checksumPlan.headerValues());
    if (decoder != null) {
      for (var trailer : decoder.trailers().entrySet()) {
        ChecksumAlgorithm algorithm =
            ChecksumAlgorithm.fromHeaderName(trailer.getKey()).orElseThrow();
        expected.put(algorithm, ChecksumPlan.validate(algorithm, trailer.getValue()));
      }
    }
    for (var entry : calculators.entrySet()) {
      String computed = Base64.getEncoder().encodeToString(entry.getValue().finish());
      String want = expected.get(entry.getKey());
      if (want != null && !want.equals(computed)) {
        throw new S3Exception(
            S3ErrorCode.BadDigest,
            "The "
                + entry.getKey().name().toUpperCase(Locale.ROOT)
                + " you specified did not match the calculated checksum.");
      }
      checksums.put(entry.getKey(), computed);
    }
    md5Value = digest;
    complete = true;
  }

  private void requireComplete() {
    if (!complete) {
      throw new IllegalStateException("the body has not been read to the end successfully");
    }
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
