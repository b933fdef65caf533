package network.aioz.storage.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/** Requests signed by the AWS SDK's own SigV4 signer, in every payload mode, verify and decode. */
class SdkSignerTests {

  private static final String KEY = "dir/my file+(1)~\u20ac.txt";
  private final SigV4Authenticator authenticator =
      new SigV4Authenticator(TestSigV4.lookup(), Set.of("us-east-1"), Clock.systemUTC());

  record Signed(TestRequest request, byte[] wire) {}

  static Signed sign(
      byte[] data,
      boolean payloadSigning,
      boolean chunked,
      software.amazon.awssdk.checksums.spi.ChecksumAlgorithm checksum) {
    // over http the SDK signer always signs the payload; https lets UNSIGNED-PAYLOAD through
    SdkHttpRequest http =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.PUT)
            .protocol("https")
            .host("127.0.0.1")
            .port(9000)
            .encodedPath("/bucket/" + SdkHttpUtils.urlEncodeIgnoreSlashes(KEY))
            .appendRawQueryParameter("partNumber", "2")
            .appendRawQueryParameter("uploadId", "a b/c")
            .putHeader("Content-Length", Integer.toString(data.length))
            .putHeader("Content-Type", "application/octet-stream")
            .putHeader("x-amz-meta-colour", "  deep   blue  ")
            .build();
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r -> {
                  r.identity(AwsCredentialsIdentity.create(TestSigV4.ACCESS_KEY, TestSigV4.SECRET))
                      .request(http)
                      .payload(ContentStreamProvider.fromByteArray(data))
                      .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                      .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                      .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                      .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                      .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, payloadSigning)
                      .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, chunked);
                  if (checksum != null) {
                    r.putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, checksum);
                  }
                });
    SdkHttpRequest out = signed.request();
    TestRequest request =
        new TestRequest(out.method().name(), out.getUri().getRawPath(), out.getUri().getRawQuery());
    out.headers().forEach((name, values) -> values.forEach(v -> request.header(name, v)));
    if (request.headerValues("host").isEmpty()) {
      request.header("Host", "127.0.0.1:9000");
    }
    byte[] wire;
    try (InputStream in = signed.payload().orElseThrow().newStream()) {
      wire = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Signed(request, wire);
  }

  static Stream<Arguments> modes() {
    Stream.Builder<Arguments> all = Stream.builder();
    Object[][] combos = {
      {true, false, null, PayloadMode.SIGNED, null},
      {false, false, null, PayloadMode.UNSIGNED, null},
      {true, false, DefaultChecksumAlgorithm.CRC32, PayloadMode.SIGNED, ChecksumAlgorithm.CRC32},
      {
        false,
        false,
        DefaultChecksumAlgorithm.SHA256,
        PayloadMode.UNSIGNED,
        ChecksumAlgorithm.SHA256
      },
      {true, true, null, PayloadMode.STREAMING_SIGNED, null},
      {
        true,
        true,
        DefaultChecksumAlgorithm.CRC32C,
        PayloadMode.STREAMING_SIGNED_TRAILER,
        ChecksumAlgorithm.CRC32C
      },
      {
        false,
        true,
        DefaultChecksumAlgorithm.CRC32,
        PayloadMode.STREAMING_UNSIGNED_TRAILER,
        ChecksumAlgorithm.CRC32
      },
      {
        false,
        true,
        DefaultChecksumAlgorithm.SHA1,
        PayloadMode.STREAMING_UNSIGNED_TRAILER,
        ChecksumAlgorithm.SHA1
      },
    };
    for (Object[] c : combos) {
      for (int size : new int[] {0, 1, 8191, 300_001}) {
        all.add(Arguments.of(c[0], c[1], c[2], c[3], c[4], size));
      }
    }
    return all.build();
  }

  @ParameterizedTest(name = "signing={0} chunked={1} checksum={4} size={5}")
  @MethodSource("modes")
  void sdkSignedRequestsVerifyAndDecodeByteExact(
      boolean payloadSigning,
      boolean chunked,
      software.amazon.awssdk.checksums.spi.ChecksumAlgorithm sdkChecksum,
      PayloadMode expectedMode,
      ChecksumAlgorithm checksum,
      int size) {
    byte[] data = randomBytes(size, size);
    Signed signed = sign(data, payloadSigning, chunked, sdkChecksum);

    Authentication auth = authenticator.authenticate(signed.request());
    assertThat(auth.payloadMode()).isEqualTo(expectedMode);
    assertThat(auth.tenantId()).isEqualTo(TestSigV4.TENANT);

    VerifiedBody body = auth.body(new ByteArrayInputStream(signed.wire()), signed.request());
    assertThat(body.decodedLength()).isEqualTo(size);
    assertThat(Bodies.readAll(body, 7777)).isEqualTo(data);
    assertThat(body.md5()).isEqualTo(digest("MD5", data));
    if (checksum != null) {
      assertThat(body.checksums()).containsEntry(checksum, independentChecksum(checksum, data));
    }
  }

  @ParameterizedTest(name = "signing={0} checksum={1}")
  @MethodSource("chunkedModes")
  void sdkChunkedBodiesWithAFlippedDataByteNeverComplete(
      boolean payloadSigning,
      software.amazon.awssdk.checksums.spi.ChecksumAlgorithm sdkChecksum,
      S3ErrorCode expected) {
    byte[] data = randomBytes(200_000, 1);
    Signed signed = sign(data, payloadSigning, true, sdkChecksum);
    Authentication auth = authenticator.authenticate(signed.request());
    for (int position : new int[] {0, 1000, 150_000, 199_999}) {
      byte[] wire = signed.wire().clone();
      int dataStart = indexOf(wire, "\r\n", 0) + 2;
      int at =
          position < 131_072 ? dataStart + position : secondChunkData(wire) + position - 131_072;
      wire[at] ^= 0x01;
      S3Exception e = Bodies.failure(auth.body(new ByteArrayInputStream(wire), signed.request()));
      assertThat(e.code()).as("flip at %d", position).isEqualTo(expected);
    }
  }

  static Stream<Arguments> chunkedModes() {
    return Stream.of(
        Arguments.of(true, null, S3ErrorCode.SignatureDoesNotMatch),
        Arguments.of(true, DefaultChecksumAlgorithm.CRC32, S3ErrorCode.SignatureDoesNotMatch),
        Arguments.of(false, DefaultChecksumAlgorithm.CRC32, S3ErrorCode.BadDigest),
        Arguments.of(false, DefaultChecksumAlgorithm.CRC32C, S3ErrorCode.BadDigest));
  }

  @ParameterizedTest(name = "signing={0}")
  @MethodSource("trailerTampering")
  void aTamperedTrailerChecksumIsRefused(boolean payloadSigning, S3ErrorCode expected) {
    byte[] data = randomBytes(5000, 5);
    Signed signed = sign(data, payloadSigning, true, DefaultChecksumAlgorithm.CRC32);
    Authentication auth = authenticator.authenticate(signed.request());
    String wire = new String(signed.wire(), StandardCharsets.ISO_8859_1);
    String real = independentChecksum(ChecksumAlgorithm.CRC32, data);
    String other = independentChecksum(ChecksumAlgorithm.CRC32, new byte[] {1, 2, 3});
    assertThat(wire).contains("x-amz-checksum-crc32:" + real);

    byte[] tampered =
        wire.replace("x-amz-checksum-crc32:" + real, "x-amz-checksum-crc32:" + other)
            .getBytes(StandardCharsets.ISO_8859_1);
    S3Exception e = Bodies.failure(auth.body(new ByteArrayInputStream(tampered), signed.request()));
    assertThat(e.code()).isEqualTo(expected);

    byte[] malformed =
        wire.replace("x-amz-checksum-crc32:" + real, "x-amz-checksum-crc32:%%%")
            .getBytes(StandardCharsets.ISO_8859_1);
    S3Exception m =
        Bodies.failure(auth.body(new ByteArrayInputStream(malformed), signed.request()));
    assertThat(m.code()).isIn(S3ErrorCode.InvalidRequest, S3ErrorCode.SignatureDoesNotMatch);

    byte[] dropped =
        wire.replace("x-amz-checksum-crc32:" + real + "\r\n", "")
            .getBytes(StandardCharsets.ISO_8859_1);
    Bodies.failure(auth.body(new ByteArrayInputStream(dropped), signed.request()));
  }

  static Stream<Arguments> trailerTampering() {
    return Stream.of(
        Arguments.of(true, S3ErrorCode.SignatureDoesNotMatch),
        Arguments.of(false, S3ErrorCode.BadDigest));
  }

  @ParameterizedTest(name = "signing={0} chunked={1}")
  @MethodSource("truncationModes")
  void truncatedBodiesNeverComplete(boolean payloadSigning, boolean chunked) {
    byte[] data = randomBytes(140_000, 9);
    Signed signed = sign(data, payloadSigning, chunked, DefaultChecksumAlgorithm.CRC32);
    Authentication auth = authenticator.authenticate(signed.request());
    int length = signed.wire().length;
    for (int cut : new int[] {0, 1, 100, 131_072, 131_100, length - 40, length - 5, length - 3}) {
      byte[] truncated = Arrays.copyOf(signed.wire(), cut);
      S3Exception e =
          Bodies.failure(auth.body(new ByteArrayInputStream(truncated), signed.request()));
      assertThat(e.code()).as("cut at %d", cut).isIn(S3ErrorCode.IncompleteBody);
    }
  }

  static Stream<Arguments> truncationModes() {
    return Stream.of(
        Arguments.of(true, false),
        Arguments.of(false, false),
        Arguments.of(true, true),
        Arguments.of(false, true));
  }

  private static int secondChunkData(byte[] wire) {
    int firstHeaderEnd = indexOf(wire, "\r\n", 0);
    int firstSize =
        Integer.parseInt(
            new String(wire, 0, firstHeaderEnd, StandardCharsets.US_ASCII).split(";")[0], 16);
    int secondHeaderStart = firstHeaderEnd + 2 + firstSize + 2;
    return indexOf(wire, "\r\n", secondHeaderStart) + 2;
  }

  static int indexOf(byte[] haystack, String needle, int from) {
    byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = from; i <= haystack.length - n.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static byte[] randomBytes(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Computed without the production calculators: the JDK, or a bit-at-a-time CRC-64. */
  static String independentChecksum(ChecksumAlgorithm algorithm, byte[] data) {
    byte[] value =
        switch (algorithm) {
          case CRC32 -> {
            CRC32 c = new CRC32();
            c.update(data);
            yield ByteBuffer.allocate(4).putInt((int) c.getValue()).array();
          }
          case CRC32C -> {
            CRC32C c = new CRC32C();
            c.update(data);
            yield ByteBuffer.allocate(4).putInt((int) c.getValue()).array();
          }
          case CRC64NVME -> {
            yield ByteBuffer.allocate(8).putLong(Crc64NvmeTests.bitwise(data)).array();
          }
          case SHA1 -> digest("SHA-1", data);
          case SHA256 -> digest("SHA-256", data);
        };
    return Base64.getEncoder().encodeToString(value);
  }
}
