package network.aioz.storage.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import network.aioz.storage.support.S3Exception;

/**
 * aws-chunked bodies framed by an independent test encoder decode to exactly the original bytes,
 * for any body and chunk size; any damage to the wire either fails or still yields those bytes.
 */
class AwsChunkedProperties {

  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  final SigV4Authenticator authenticator =
      new SigV4Authenticator(
          TestSigV4.lookup(), Set.of("us-east-1"), Clock.fixed(NOW, ZoneOffset.UTC));

  enum Mode {
    SIGNED("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", true, false),
    SIGNED_TRAILER("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", true, true),
    UNSIGNED_TRAILER("STREAMING-UNSIGNED-PAYLOAD-TRAILER", false, true);

    final String header;
    final boolean signed;
    final boolean trailer;

    Mode(String header, boolean signed, boolean trailer) {
      this.header = header;
      this.signed = signed;
      this.trailer = trailer;
    }
  }

  record Upload(TestRequest request, byte[] wire) {}

  Upload upload(byte[] data, int chunkSize, Mode mode) {
    TestRequest request =
        TestRequest.of("PUT", "/bucket/object")
            .header("Host", "s3.example.test")
            .header("Content-Encoding", "aws-chunked")
            .header("x-amz-decoded-content-length", Integer.toString(data.length));
    if (mode.trailer) {
      request.header("x-amz-trailer", "x-amz-checksum-crc32c");
    }
    String seed = TestSigV4.sign(request, NOW, mode.header);
    byte[] wire =
        TestSigV4.chunked(
            data,
            chunkSize,
            mode.signed ? seed : null,
            NOW,
            TestSigV4.SECRET,
            "us-east-1",
            mode.trailer);
    return new Upload(request, wire);
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(40_000);
  }

  @Property(tries = 150)
  void decodesToTheOriginalBytes(
      @ForAll("bodies") byte[] data,
      @ForAll @IntRange(min = 1, max = 20_000) int chunkSize,
      @ForAll Mode mode,
      @ForAll @IntRange(min = 1, max = 9000) int readSize) {
    Upload upload = upload(data, chunkSize, mode);
    Authentication auth = authenticator.authenticate(upload.request());
    VerifiedBody body = auth.body(new ByteArrayInputStream(upload.wire()), upload.request());

    assertThat(Bodies.readAll(body, readSize)).isEqualTo(data);
    assertThat(body.md5()).isEqualTo(SdkSignerTests.digest("MD5", data));
    if (mode.trailer) {
      assertThat(body.checksums())
          .containsEntry(
              ChecksumAlgorithm.CRC32C,
              SdkSignerTests.independentChecksum(ChecksumAlgorithm.CRC32C, data));
    }
  }

  @Property(tries = 300)
  void aDamagedWireFailsOrStillDecodesTheOriginal(
      @ForAll @Size(min = 1, max = 3000) byte[] data,
      @ForAll @IntRange(min = 1, max = 700) int chunkSize,
      @ForAll Mode mode,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where,
      @ForAll @IntRange(min = 1, max = 255) int flip) {
    Upload upload = upload(data, chunkSize, mode);
    byte[] wire = upload.wire().clone();
    wire[where % wire.length] ^= (byte) flip;
    Authentication auth = authenticator.authenticate(upload.request());
    VerifiedBody body = auth.body(new ByteArrayInputStream(wire), upload.request());
    try {
      byte[] decoded = body.readAllBytes();
      // the framing is not signed, so a change such as 'a' -> 'A' in a chunk size is harmless
      assertThat(decoded).isEqualTo(data);
      assertThat(body.complete()).isTrue();
    } catch (S3Exception | java.io.IOException e) {
      assertThat(body.complete()).isFalse();
    }
  }

  @Property(tries = 200)
  void aTruncatedWireNeverCompletes(
      @ForAll @Size(min = 1, max = 3000) byte[] data,
      @ForAll @IntRange(min = 1, max = 700) int chunkSize,
      @ForAll Mode mode,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where) {
    Upload upload = upload(data, chunkSize, mode);
    // dropping only the very last CRLF is tolerated once everything is verified
    int cut = where % (upload.wire().length - 2);
    byte[] truncated = Arrays.copyOf(upload.wire(), cut);
    Authentication auth = authenticator.authenticate(upload.request());
    Bodies.failure(auth.body(new ByteArrayInputStream(truncated), upload.request()));
  }
}
