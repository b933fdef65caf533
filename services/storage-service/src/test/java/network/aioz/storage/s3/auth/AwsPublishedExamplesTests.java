package network.aioz.storage.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;
import org.junit.jupiter.api.Test;

/** The worked examples of the AWS "Signature Version 4" pages for S3 must verify byte for byte. */
class AwsPublishedExamplesTests {

  static final String AKID = "AKIAIOSFODNN7EXAMPLE";
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  static final Instant EXAMPLE_TIME = Instant.parse("2013-05-24T00:00:00Z");
  static final String SCOPE = "/20130524/us-east-1/s3/aws4_request";

  private static SigV4Authenticator authenticatorAt(Instant now) {
    Credential example = new Credential(AKID, SECRET, "example-tenant");
    return new SigV4Authenticator(
        id -> id.equals(AKID) ? Optional.of(example) : Optional.empty(),
        Set.of("us-east-1"),
        Clock.fixed(now, ZoneOffset.UTC));
  }

  private final SigV4Authenticator authenticator = authenticatorAt(EXAMPLE_TIME);

  private static String authorization(String signedHeaders, String signature) {
    return "AWS4-HMAC-SHA256 Credential="
        + AKID
        + SCOPE
        + ",SignedHeaders="
        + signedHeaders
        + ",Signature="
        + signature;
  }

  private static TestRequest exampleGet(String pathAndQuery) {
    return TestRequest.of("GET", pathAndQuery)
        .header("Host", "examplebucket.s3.amazonaws.com")
        .header("x-amz-date", "20130524T000000Z")
        .header("x-amz-content-sha256", Crypto.EMPTY_SHA256);
  }

  @Test
  void getObjectExampleVerifies() {
    TestRequest request =
        exampleGet("/test.txt")
            .header("Range", "bytes=0-9")
            .header(
                "Authorization",
                authorization(
                    "host;range;x-amz-content-sha256;x-amz-date",
                    "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"));

    Authentication auth = authenticator.authenticate(request);

    assertThat(auth.accessKeyId()).isEqualTo(AKID);
    assertThat(auth.tenantId()).isEqualTo("example-tenant");
    assertThat(auth.region()).isEqualTo("us-east-1");
    assertThat(auth.presigned()).isFalse();
    assertThat(auth.payloadMode()).isEqualTo(PayloadMode.SIGNED);
    VerifiedBody body = auth.body(new ByteArrayInputStream(new byte[0]), request);
    assertThat(Bodies.readAll(body)).isEmpty();
  }

  @Test
  void getObjectExampleWithOneChangedHeaderIsRefusedWithTheCanonicalRequest() {
    TestRequest request =
        exampleGet("/test.txt")
            .header("Range", "bytes=0-99")
            .header(
                "Authorization",
                authorization(
                    "host;range;x-amz-content-sha256;x-amz-date",
                    "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"));

    S3Exception e =
        catchThrowableOfType(S3Exception.class, () -> authenticator.authenticate(request));

    assertThat(e.code()).isEqualTo(S3ErrorCode.SignatureDoesNotMatch);
    assertThat(e.details()).containsEntry("AWSAccessKeyId", AKID);
    assertThat(e.details().get("CanonicalRequest"))
        .isEqualTo(
            "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-99\n"
                + "x-amz-content-sha256:"
                + Crypto.EMPTY_SHA256
                + "\nx-amz-date:20130524T000000Z\n\n"
                + "host;range;x-amz-content-sha256;x-amz-date\n"
                + Crypto.EMPTY_SHA256);
    assertThat(e.details().get("StringToSign"))
        .startsWith("AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n");
  }

  @Test
  void putObjectExampleVerifiesAndItsBodyHashIsEnforced() {
    byte[] content = "Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8);
    TestRequest request =
        TestRequest.of("PUT", "/test$file.text")
            .header("Host", "examplebucket.s3.amazonaws.com")
            .header("Date", "Fri, 24 May 2013 00:00:00 GMT")
            .header("x-amz-date", "20130524T000000Z")
            .header("x-amz-storage-class", "REDUCED_REDUNDANCY")
            .header(
                "x-amz-content-sha256",
                "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
            .header("Content-Length", Integer.toString(content.length))
            .header(
                "Authorization",
                authorization(
                    "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
                    "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"));

    Authentication auth = authenticator.authenticate(request);
    assertThat(Bodies.readAll(auth.body(new ByteArrayInputStream(content), request)))
        .isEqualTo(content);

    byte[] tampered = "Welcome to Amazon S4.".getBytes(StandardCharsets.UTF_8);
    S3Exception e = Bodies.failure(auth.body(new ByteArrayInputStream(tampered), request));
    assertThat(e.code()).isEqualTo(S3ErrorCode.XAmzContentSHA256Mismatch);
    assertThat(e.details())
        .containsEntry("S3ComputedContentSHA256", TestSigV4.sha256Hex(tampered))
        .containsEntry(
            "ClientComputedContentSHA256",
            "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  }

  @Test
  void encodedPathIsNotDoubleEncoded() {
    TestRequest request =
        TestRequest.of("PUT", "/test%24file.text")
            .header("Host", "examplebucket.s3.amazonaws.com")
            .header("Date", "Fri, 24 May 2013 00:00:00 GMT")
            .header("x-amz-date", "20130524T000000Z")
            .header("x-amz-storage-class", "REDUCED_REDUNDANCY")
            .header(
                "x-amz-content-sha256",
                "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
            .header(
                "Authorization",
                authorization(
                    "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
                    "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"));

    assertThat(authenticator.authenticate(request).accessKeyId()).isEqualTo(AKID);
  }

  @Test
  void getBucketLifecycleExampleVerifies() {
    TestRequest request =
        exampleGet("/?lifecycle")
            .header(
                "Authorization",
                authorization(
                    "host;x-amz-content-sha256;x-amz-date",
                    "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"));

    assertThat(authenticator.authenticate(request).accessKeyId()).isEqualTo(AKID);
  }

  @Test
  void listObjectsExampleVerifiesWhateverTheQueryOrder() {
    String signature = "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7";
    for (String query : new String[] {"/?max-keys=2&prefix=J", "/?prefix=J&max-keys=2"}) {
      TestRequest request =
          exampleGet(query)
              .header(
                  "Authorization",
                  authorization("host;x-amz-content-sha256;x-amz-date", signature));
      assertThat(authenticator.authenticate(request).accessKeyId()).isEqualTo(AKID);
    }
  }

  private static TestRequest presignedExample() {
    return TestRequest.of(
            "GET",
            "/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
        .header("Host", "examplebucket.s3.amazonaws.com");
  }

  @Test
  void presignedUrlExampleVerifiesUntilItExpires() {
    Authentication auth = authenticator.authenticate(presignedExample());
    assertThat(auth.presigned()).isTrue();
    assertThat(auth.payloadMode()).isEqualTo(PayloadMode.UNSIGNED);

    Instant lastSecond = EXAMPLE_TIME.plusSeconds(86400);
    assertThat(authenticatorAt(lastSecond).authenticate(presignedExample()).presigned()).isTrue();

    Instant afterExpiry = EXAMPLE_TIME.plusSeconds(86401);
    S3Exception e =
        catchThrowableOfType(
            S3Exception.class, () -> authenticatorAt(afterExpiry).authenticate(presignedExample()));
    assertThat(e.code()).isEqualTo(S3ErrorCode.AccessDenied);
    assertThat(e.getMessage()).isEqualTo("Request has expired");
    assertThat(e.details())
        .containsEntry("X-Amz-Expires", "86400")
        .containsEntry("Expires", "2013-05-25T00:00:00Z")
        .containsEntry("ServerTime", "2013-05-25T00:00:01Z");
  }

  @Test
  void presignedUrlExampleFromTheFutureIsRefused() {
    S3Exception e =
        catchThrowableOfType(
            S3Exception.class,
            () ->
                authenticatorAt(EXAMPLE_TIME.minusSeconds(16 * 60))
                    .authenticate(presignedExample()));
    assertThat(e.code()).isEqualTo(S3ErrorCode.AccessDenied);
  }

  static final String SEED = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
  static final String[] CHUNK_SIGNATURES = {
    "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
    "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
    "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"
  };

  static TestRequest chunkedExampleRequest(String decodedLength) {
    return TestRequest.of("PUT", "/examplebucket/chunkObject.txt")
        .header("Host", "s3.amazonaws.com")
        .header("x-amz-date", "20130524T000000Z")
        .header("x-amz-storage-class", "REDUCED_REDUNDANCY")
        .header("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD")
        .header("Content-Encoding", "aws-chunked")
        .header("x-amz-decoded-content-length", decodedLength)
        .header("Content-Length", "66824")
        .header(
            "Authorization",
            authorization(
                "content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;"
                    + "x-amz-decoded-content-length;x-amz-storage-class",
                SEED));
  }

  static byte[] chunkedExampleBody(String[] signatures, int secondChunkSize) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int[] sizes = {65536, secondChunkSize, 0};
    for (int i = 0; i < 3; i++) {
      out.writeBytes(
          (Integer.toHexString(sizes[i]) + ";chunk-signature=" + signatures[i] + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      byte[] data = new byte[sizes[i]];
      Arrays.fill(data, (byte) 'a');
      out.writeBytes(data);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    return out.toByteArray();
  }

  @Test
  void chunkedUploadExampleVerifiesAndDecodes() {
    TestRequest request = chunkedExampleRequest("66560");
    byte[] wire = chunkedExampleBody(CHUNK_SIGNATURES, 1024);
    assertThat(wire).hasSize(66824);

    Authentication auth = authenticator.authenticate(request);
    assertThat(auth.payloadMode()).isEqualTo(PayloadMode.STREAMING_SIGNED);
    VerifiedBody body = auth.body(new ByteArrayInputStream(wire), request);
    assertThat(body.decodedLength()).isEqualTo(66560);

    byte[] expected = new byte[66560];
    Arrays.fill(expected, (byte) 'a');
    assertThat(Bodies.readAll(body, 1000)).isEqualTo(expected);
    assertThat(body.md5()).isEqualTo(Crypto.digest("MD5").digest(expected));
  }

  @Test
  void chunkedUploadExampleWithATamperedChunkSignatureFails() {
    String[] signatures = CHUNK_SIGNATURES.clone();
    signatures[1] = signatures[1].substring(0, 63) + "0";
    TestRequest request = chunkedExampleRequest("66560");
    Authentication auth = authenticator.authenticate(request);

    S3Exception e =
        Bodies.failure(
            auth.body(new ByteArrayInputStream(chunkedExampleBody(signatures, 1024)), request));
    assertThat(e.code()).isEqualTo(S3ErrorCode.SignatureDoesNotMatch);
  }

  @Test
  void chunkedUploadExampleWithTamperedDataFails() {
    TestRequest request = chunkedExampleRequest("66560");
    Authentication auth = authenticator.authenticate(request);
    byte[] wire = chunkedExampleBody(CHUNK_SIGNATURES, 1024);
    wire[100] = 'b';

    S3Exception e = Bodies.failure(auth.body(new ByteArrayInputStream(wire), request));
    assertThat(e.code()).isEqualTo(S3ErrorCode.SignatureDoesNotMatch);
  }

  @Test
  void chunkedUploadExampleTruncatedInsideTheLastChunkFails() {
    TestRequest request = chunkedExampleRequest("66560");
    Authentication auth = authenticator.authenticate(request);
    byte[] wire = chunkedExampleBody(CHUNK_SIGNATURES, 1024);

    for (int cut : new int[] {0, 10, 65536, 65536 + 90, 66824 - 90, 66824 - 5, 66824 - 3}) {
      byte[] truncated = Arrays.copyOf(wire, cut);
      S3Exception e = Bodies.failure(auth.body(new ByteArrayInputStream(truncated), request));
      assertThat(e.code()).as("cut at %d", cut).isEqualTo(S3ErrorCode.IncompleteBody);
    }
  }

  @Test
  void chunkedUploadExampleMayOmitTheLastEmptyLineOnceTheFinalChunkIsVerified() {
    TestRequest request = chunkedExampleRequest("66560");
    Authentication auth = authenticator.authenticate(request);
    byte[] wire = chunkedExampleBody(CHUNK_SIGNATURES, 1024);

    byte[] withoutLastCrlf = Arrays.copyOf(wire, wire.length - 2);
    assertThat(Bodies.readAll(auth.body(new ByteArrayInputStream(withoutLastCrlf), request)))
        .hasSize(66560);
  }

  @Test
  void chunkedUploadExampleWithoutTheFinalChunkNeverCompletes() {
    TestRequest request = chunkedExampleRequest("66560");
    Authentication auth = authenticator.authenticate(request);
    byte[] wire = chunkedExampleBody(CHUNK_SIGNATURES, 1024);
    int finalChunk = 66824 - ("0;chunk-signature=" + CHUNK_SIGNATURES[2] + "\r\n\r\n").length();
    byte[] withoutFinal = Arrays.copyOf(wire, finalChunk);

    S3Exception e = Bodies.failure(auth.body(new ByteArrayInputStream(withoutFinal), request));
    assertThat(e.code()).isEqualTo(S3ErrorCode.IncompleteBody);
  }
}
