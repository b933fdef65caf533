package network.aioz.storage.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Content-MD5 and x-amz-checksum-* headers are checked against the decoded bytes at the end. */
class ChecksumHeaderTests {

  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final byte[] DATA = "the quick brown fox".getBytes(StandardCharsets.UTF_8);
  final SigV4Authenticator authenticator =
      new SigV4Authenticator(
          TestSigV4.lookup(), Set.of("us-east-1"), Clock.fixed(NOW, ZoneOffset.UTC));

  private VerifiedBody body(byte[] sent, String... headers) {
    TestRequest request =
        TestRequest.of("PUT", "/bucket/key")
            .header("Host", "h")
            .header("Content-Length", Integer.toString(sent.length));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    TestSigV4.sign(request, NOW, "UNSIGNED-PAYLOAD");
    return authenticator.authenticate(request).body(new ByteArrayInputStream(sent), request);
  }

  private static String md5(byte[] data) {
    return Base64.getEncoder().encodeToString(SdkSignerTests.digest("MD5", data));
  }

  @Test
  void contentMd5MatchesMismatchesOrIsMalformed() {
    assertThat(Bodies.readAll(body(DATA, "Content-MD5", md5(DATA)))).isEqualTo(DATA);

    byte[] other = "the quick brown box".getBytes(StandardCharsets.UTF_8);
    S3Exception bad = Bodies.failure(body(other, "Content-MD5", md5(DATA)));
    assertThat(bad.code()).isEqualTo(S3ErrorCode.BadDigest);

    for (String malformed : new String[] {"not base64!", "AAAA"}) {
      S3Exception e =
          catchThrowableOfType(S3Exception.class, () -> body(DATA, "Content-MD5", malformed));
      assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidDigest);
    }
  }

  @ParameterizedTest
  @EnumSource(ChecksumAlgorithm.class)
  void checksumHeaderIsVerified(ChecksumAlgorithm algorithm) {
    String value = SdkSignerTests.independentChecksum(algorithm, DATA);
    VerifiedBody ok = body(DATA, algorithm.headerName(), value);
    assertThat(Bodies.readAll(ok)).isEqualTo(DATA);
    assertThat(ok.checksums()).containsEntry(algorithm, value);

    byte[] other = "the quick brown box".getBytes(StandardCharsets.UTF_8);
    S3Exception e = Bodies.failure(body(other, algorithm.headerName(), value));
    assertThat(e.code()).isEqualTo(S3ErrorCode.BadDigest);
    assertThat(e.getMessage()).contains(algorithm.name());
  }

  @Test
  void malformedOrMultipleChecksumHeadersAreInvalidRequests() {
    S3Exception malformed =
        catchThrowableOfType(
            S3Exception.class, () -> body(DATA, "x-amz-checksum-crc32", "AAAAAAAA"));
    assertThat(malformed.code()).isEqualTo(S3ErrorCode.InvalidRequest);

    S3Exception two =
        catchThrowableOfType(
            S3Exception.class,
            () ->
                body(
                    DATA,
                    "x-amz-checksum-crc32",
                    SdkSignerTests.independentChecksum(ChecksumAlgorithm.CRC32, DATA),
                    "x-amz-checksum-sha1",
                    SdkSignerTests.independentChecksum(ChecksumAlgorithm.SHA1, DATA)));
    assertThat(two.code()).isEqualTo(S3ErrorCode.InvalidRequest);
  }

  @Test
  void sdkChecksumAlgorithmIsComputedAndMd5AlwaysIs() {
    VerifiedBody body = body(DATA, "x-amz-sdk-checksum-algorithm", "CRC64NVME");
    Bodies.readAll(body);
    assertThat(body.checksums())
        .containsEntry(
            ChecksumAlgorithm.CRC64NVME,
            SdkSignerTests.independentChecksum(ChecksumAlgorithm.CRC64NVME, DATA));
    assertThat(body.md5()).isEqualTo(SdkSignerTests.digest("MD5", DATA));
  }

  @Test
  void md5IsNotAvailableBeforeTheEnd() {
    VerifiedBody body = body(DATA);
    assertThat(catchThrowableOfType(IllegalStateException.class, body::md5)).isNotNull();
  }

  @Test
  void aTransportFailureIsSticky() throws Exception {
    TestRequest request = TestRequest.of("PUT", "/bucket/key").header("Host", "h");
    TestSigV4.sign(request, NOW, "UNSIGNED-PAYLOAD");
    java.io.InputStream flaky =
        new java.io.InputStream() {
          int calls;

          @Override
          public int read() {
            return -1;
          }

          @Override
          public int read(byte[] b, int off, int len) throws java.io.IOException {
            if (++calls == 2) {
              throw new java.io.IOException("connection reset");
            }
            return calls == 1 ? 1 : -1;
          }
        };
    VerifiedBody body = authenticator.authenticate(request).body(flaky, request);
    assertThat(body.read(new byte[8])).isEqualTo(1);
    var first = catchThrowableOfType(java.io.IOException.class, () -> body.read(new byte[8]));
    var second = catchThrowableOfType(java.io.IOException.class, () -> body.read(new byte[8]));
    assertThat(second).isNotNull().isSameAs(first);
    assertThat(body.complete()).isFalse();
  }

  @Test
  void bodyShorterOrLongerThanContentLengthIsIncomplete() {
    TestRequest request =
        TestRequest.of("PUT", "/bucket/key").header("Host", "h").header("Content-Length", "10");
    TestSigV4.sign(request, NOW, "UNSIGNED-PAYLOAD");
    Authentication auth = authenticator.authenticate(request);
    assertThat(Bodies.failure(auth.body(new ByteArrayInputStream(new byte[9]), request)).code())
        .isEqualTo(S3ErrorCode.IncompleteBody);
    assertThat(Bodies.failure(auth.body(new ByteArrayInputStream(new byte[11]), request)).code())
        .isEqualTo(S3ErrorCode.IncompleteBody);
  }
}
