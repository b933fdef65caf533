package network.aioz.storage.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;
import org.junit.jupiter.api.Test;

/** Each way a request can be wrong gets the error code S3 gives, with S3's details. */
class SigV4AuthenticatorTests {

  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  final SigV4Authenticator authenticator =
      new SigV4Authenticator(
          TestSigV4.lookup(),
          new LinkedHashSet<>(List.of("us-east-1", "aioz-1")),
          Clock.fixed(NOW, ZoneOffset.UTC));

  static TestRequest get(String path) {
    return TestRequest.of("GET", path).header("Host", "s3.example.test");
  }

  private S3Exception refused(RequestView request) {
    S3Exception e =
        catchThrowableOfType(S3Exception.class, () -> authenticator.authenticate(request));
    assertThat(e).as("the request must be refused").isNotNull();
    return e;
  }

  @Test
  void aCorrectlySignedRequestIsAccepted() {
    TestRequest request = get("/bucket/key");
    TestSigV4.sign(request, NOW, TestSigV4.EMPTY_SHA256);
    Authentication auth = authenticator.authenticate(request);
    assertThat(auth.accessKeyId()).isEqualTo(TestSigV4.ACCESS_KEY);
    assertThat(auth.tenantId()).isEqualTo(TestSigV4.TENANT);
    assertThat(auth.credential().toString()).doesNotContain(TestSigV4.SECRET);
    assertThat(auth.requestTime()).isEqualTo(NOW);
  }

  @Test
  void everyConfiguredRegionIsAccepted() {
    TestRequest request = get("/bucket/key");
    TestSigV4.sign(
        request, TestSigV4.ACCESS_KEY, TestSigV4.SECRET, "aioz-1", NOW, TestSigV4.EMPTY_SHA256);
    assertThat(authenticator.authenticate(request).region()).isEqualTo("aioz-1");
  }

  @Test
  void unknownAccessKey() {
    TestRequest request = get("/bucket/key");
    TestSigV4.sign(
        request, "AKIDNOBODY", TestSigV4.SECRET, "us-east-1", NOW, TestSigV4.EMPTY_SHA256);
    S3Exception e = refused(request);
    assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidAccessKeyId);
    assertThat(e.details()).containsEntry("AWSAccessKeyId", "AKIDNOBODY");
  }

  @Test
  void wrongSecretGivesTheStringToSignAndCanonicalRequest() {
    TestRequest request = get("/bucket/key?list-type=2");
    TestSigV4.sign(
        request, TestSigV4.ACCESS_KEY, "wrong", "us-east-1", NOW, TestSigV4.EMPTY_SHA256);
    S3Exception e = refused(request);
    assertThat(e.code()).isEqualTo(S3ErrorCode.SignatureDoesNotMatch);
    assertThat(e.details())
        .containsEntry("AWSAccessKeyId", TestSigV4.ACCESS_KEY)
        .containsKeys("StringToSign", "CanonicalRequest", "SignatureProvided");
    assertThat(e.details().get("CanonicalRequest")).startsWith("GET\n/bucket/key\nlist-type=2\n");
  }

  @Test
  void wrongRegionNamesTheExpectedOne() {
    TestRequest request = get("/bucket/key");
    TestSigV4.sign(
        request, TestSigV4.ACCESS_KEY, TestSigV4.SECRET, "eu-west-1", NOW, TestSigV4.EMPTY_SHA256);
    S3Exception e = refused(request);
    assertThat(e.code()).isEqualTo(S3ErrorCode.AuthorizationHeaderMalformed);
    assertThat(e.details()).containsEntry("Region", "us-east-1");
    assertThat(e.getMessage()).contains("'eu-west-1' is wrong; expecting 'us-east-1'");
  }

  @Test
  void malformedAuthorizationHeaders() {
    String[] malformed = {
      "AWS4-HMAC-SHA256 Credential=" + TestSigV4.ACCESS_KEY + "/20260301/us-east-1/s3/aws4_request",
      "AWS4-HMAC-SHA256 Credential=only-a-key, SignedHeaders=host, Signature=" + "a".repeat(64),
      "AWS4-HMAC-SHA256 Credential="
          + TestSigV4.ACCESS_KEY
          + "/20260301/us-east-1/s4/aws4_request, SignedHeaders=host, Signature="
          + "a".repeat(64),
      "AWS4-HMAC-SHA256 Credential="
          + TestSigV4.ACCESS_KEY
          + "/20260301/us-east-1/s3/aws4_request, SignedHeaders=x-amz-date, Signature="
          + "a".repeat(64),
      "AWS4-HMAC-SHA256 Credential="
          + TestSigV4.ACCESS_KEY
          + "/20260302/us-east-1/s3/aws4_request, SignedHeaders=host, Signature="
          + "a".repeat(64),
      "AWS4-HMAC-SHA256 garbage",
    };
    for (String authorization : malformed) {
      TestRequest request =
          get("/b/k")
              .header("x-amz-date", "20260301T120000Z")
              .header("x-amz-content-sha256", TestSigV4.EMPTY_SHA256)
              .header("Authorization", authorization);
      assertThat(refused(request).code())
          .as(authorization)
          .isEqualTo(S3ErrorCode.AuthorizationHeaderMalformed);
    }
  }

  @Test
  void skewedClockGivesRequestTimeTooSkewed() {
    for (Instant when : new Instant[] {NOW.minusSeconds(16 * 60), NOW.plusSeconds(16 * 60)}) {
      TestRequest request = get("/bucket/key");
      TestSigV4.sign(request, when, TestSigV4.EMPTY_SHA256);
      S3Exception e = refused(request);
      assertThat(e.code()).isEqualTo(S3ErrorCode.RequestTimeTooSkewed);
      assertThat(e.details())
          .containsEntry("RequestTime", TestSigV4.AMZ_DATE.format(when))
          .containsEntry("ServerTime", "2026-03-01T12:00:00Z")
          .containsEntry("MaxAllowedSkewMilliseconds", "900000");
    }
    TestRequest justInside = get("/bucket/key");
    TestSigV4.sign(justInside, NOW.minusSeconds(14 * 60), TestSigV4.EMPTY_SHA256);
    assertThat(authenticator.authenticate(justInside)).isNotNull();
  }

  @Test
  void missingPayloadHashHeader() {
    TestRequest request = get("/bucket/key");
    TestSigV4.sign(request, NOW, TestSigV4.EMPTY_SHA256);
    request.remove("x-amz-content-sha256");
    S3Exception e = refused(request);
    assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidRequest);
    assertThat(e.getMessage()).contains("x-amz-content-sha256");
  }

  @Test
  void malformedPayloadHashHeader() {
    TestRequest request = get("/bucket/key");
    TestSigV4.sign(request, NOW, "NOT-A-HASH");
    assertThat(refused(request).code()).isEqualTo(S3ErrorCode.InvalidArgument);
  }

  @Test
  void missingDateHeader() {
    TestRequest request = get("/bucket/key");
    TestSigV4.sign(request, NOW, TestSigV4.EMPTY_SHA256);
    request.remove("x-amz-date");
    assertThat(refused(request).code()).isEqualTo(S3ErrorCode.AccessDenied);
  }

  @Test
  void unsignedAmzHeadersAreRefused() {
    TestRequest request = get("/bucket/key");
    TestSigV4.sign(request, NOW, TestSigV4.EMPTY_SHA256);
    request.header("x-amz-acl", "public-read");
    S3Exception e = refused(request);
    assertThat(e.code()).isEqualTo(S3ErrorCode.AccessDenied);
    assertThat(e.details()).containsEntry("HeadersNotSigned", "x-amz-acl");
  }

  @Test
  void anonymousSigV2StsAndSigV4aRequests() {
    assertThat(refused(get("/bucket/key")).code()).isEqualTo(S3ErrorCode.AccessDenied);

    S3Exception v2 = refused(get("/bucket/key").header("Authorization", "AWS AKID:c2lnbmF0dXJl"));
    assertThat(v2.code()).isEqualTo(S3ErrorCode.InvalidRequest);
    assertThat(v2.getMessage()).contains("AWS4-HMAC-SHA256");
    assertThat(refused(get("/bucket/key?AWSAccessKeyId=AKID&Expires=1&Signature=x")).code())
        .isEqualTo(S3ErrorCode.InvalidRequest);

    TestRequest sts = get("/bucket/key").header("x-amz-security-token", "token");
    TestSigV4.sign(sts, NOW, TestSigV4.EMPTY_SHA256);
    assertThat(refused(sts).code()).isEqualTo(S3ErrorCode.NotImplemented);

    TestRequest v4a = get("/bucket/key");
    TestSigV4.sign(v4a, NOW, "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD");
    assertThat(refused(v4a).code()).isEqualTo(S3ErrorCode.NotImplemented);
  }

  @Test
  void headerAndQueryAuthTogetherAreRefused() {
    String query =
        TestSigV4.presignQuery("GET", "/bucket/key", "s3.example.test", NOW, 60, "us-east-1");
    TestRequest request = get("/bucket/key?" + query);
    request.header("Authorization", "AWS4-HMAC-SHA256 Credential=x");
    assertThat(refused(request).code()).isEqualTo(S3ErrorCode.InvalidArgument);
  }

  @Test
  void presignedUrlVerifiesAndExpires() {
    String query =
        TestSigV4.presignQuery(
            "GET", "/bucket/key", "s3.example.test", NOW.minusSeconds(30), 60, "us-east-1");
    Authentication auth = authenticator.authenticate(get("/bucket/key?" + query));
    assertThat(auth.presigned()).isTrue();

    String old =
        TestSigV4.presignQuery(
            "GET", "/bucket/key", "s3.example.test", NOW.minusSeconds(61), 60, "us-east-1");
    S3Exception e = refused(get("/bucket/key?" + old));
    assertThat(e.code()).isEqualTo(S3ErrorCode.AccessDenied);
    assertThat(e.getMessage()).isEqualTo("Request has expired");
    assertThat(e.details()).containsKeys("X-Amz-Expires", "Expires", "ServerTime");
  }

  @Test
  void presignedUrlWithAWrongPathOrMethodIsRefused() {
    String query =
        TestSigV4.presignQuery("GET", "/bucket/key", "s3.example.test", NOW, 60, "us-east-1");
    assertThat(refused(get("/bucket/other?" + query)).code())
        .isEqualTo(S3ErrorCode.SignatureDoesNotMatch);
    TestRequest put =
        TestRequest.of("PUT", "/bucket/key?" + query).header("Host", "s3.example.test");
    assertThat(refused(put).code()).isEqualTo(S3ErrorCode.SignatureDoesNotMatch);
  }

  @Test
  void malformedPresignedParameters() {
    String good =
        TestSigV4.presignQuery("GET", "/bucket/key", "s3.example.test", NOW, 60, "us-east-1");
    String[] bad = {
      good.replace("&X-Amz-Date=", "&X-Amz-Datum="),
      good.replace("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=AWS4-HMAC-SHA1"),
      good.replace("X-Amz-Expires=60", "X-Amz-Expires=604801"),
      good.replace("X-Amz-Expires=60", "X-Amz-Expires=0"),
      good.replace("X-Amz-Expires=60", "X-Amz-Expires=soon"),
      good.replace("us-east-1", "eu-west-1"),
      good.replace("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=x-amz-date"),
      good.replace("X-Amz-Date=20260301T120000Z", "X-Amz-Date=2026-03-01"),
    };
    for (String query : bad) {
      assertThat(refused(get("/bucket/key?" + query)).code())
          .as(query)
          .isEqualTo(S3ErrorCode.AuthorizationQueryParametersError);
    }
    S3Exception region = refused(get("/bucket/key?" + good.replace("us-east-1", "eu-west-1")));
    assertThat(region.details()).containsEntry("Region", "us-east-1");
  }

  @Test
  void presignedUrlFromTheFutureIsRefused() {
    String query =
        TestSigV4.presignQuery(
            "GET", "/bucket/key", "s3.example.test", NOW.plusSeconds(16 * 60), 3600, "us-east-1");
    assertThat(refused(get("/bucket/key?" + query)).code()).isEqualTo(S3ErrorCode.AccessDenied);
  }

  @Test
  void chunkedUploadNeedsTheDecodedLength() {
    TestRequest request = TestRequest.of("PUT", "/bucket/key").header("Host", "h");
    TestSigV4.sign(request, NOW, "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
    assertThat(refused(request).code()).isEqualTo(S3ErrorCode.MissingContentLength);
  }

  static TestRequest chunkedPut(long decodedLength, String trailer) {
    TestRequest request =
        TestRequest.of("PUT", "/bucket/key")
            .header("Host", "h")
            .header("Content-Encoding", "aws-chunked")
            .header("x-amz-decoded-content-length", Long.toString(decodedLength));
    if (trailer != null) {
      request.header("x-amz-trailer", trailer);
    }
    return request;
  }

  @Test
  void signedDecodedLengthThatDisagreesWithTheChunksIsIncompleteBody() {
    byte[] data = "hello, chunks".getBytes(StandardCharsets.UTF_8);
    for (long announced : new long[] {data.length - 1, data.length + 1}) {
      TestRequest request = chunkedPut(announced, null);
      String seed = TestSigV4.sign(request, NOW, "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
      byte[] wire = TestSigV4.chunked(data, 4, seed, NOW, TestSigV4.SECRET, "us-east-1", false);
      Authentication auth = authenticator.authenticate(request);
      S3Exception e = Bodies.failure(auth.body(new ByteArrayInputStream(wire), request));
      assertThat(e.code()).isEqualTo(S3ErrorCode.IncompleteBody);
    }
  }

  @Test
  void oversizedChunkAndOverlongHeaderLineAreRefusedBeforeReadingThem() {
    TestRequest request = chunkedPut(1L << 30, "x-amz-checksum-crc32");
    TestSigV4.sign(request, NOW, "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
    Authentication auth = authenticator.authenticate(request);

    byte[] huge = "1000001\r\n".getBytes(StandardCharsets.US_ASCII);
    S3Exception e = Bodies.failure(auth.body(new ByteArrayInputStream(huge), request));
    assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidRequest);
    assertThat(e.getMessage()).contains("exceeds");

    byte[] longLine = ("1" + " ".repeat(5000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    assertThat(Bodies.failure(auth.body(new ByteArrayInputStream(longLine), request)).code())
        .isEqualTo(S3ErrorCode.InvalidRequest);

    byte[] notHex = "zz\r\nab\r\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(Bodies.failure(auth.body(new ByteArrayInputStream(notHex), request)).code())
        .isEqualTo(S3ErrorCode.InvalidRequest);
  }

  @Test
  void unsignedTrailerBodyNeedsItsAnnouncedTrailer() {
    byte[] data = "abc".getBytes(StandardCharsets.UTF_8);
    TestRequest request = chunkedPut(3, "x-amz-checksum-crc32");
    TestSigV4.sign(request, NOW, "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
    Authentication auth = authenticator.authenticate(request);

    byte[] noTrailer = "3\r\nabc\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    Bodies.failure(auth.body(new ByteArrayInputStream(noTrailer), request));

    byte[] otherTrailer =
        "3\r\nabc\r\n0\r\nx-amz-checksum-crc32c:AAAAAA==\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    assertThat(Bodies.failure(auth.body(new ByteArrayInputStream(otherTrailer), request)).code())
        .isEqualTo(S3ErrorCode.InvalidRequest);

    String crc = SdkSignerTests.independentChecksum(ChecksumAlgorithm.CRC32, data);
    byte[] good =
        ("3\r\nabc\r\n0\r\nx-amz-checksum-crc32:" + crc + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    VerifiedBody body = auth.body(new ByteArrayInputStream(good), request);
    assertThat(Bodies.readAll(body)).isEqualTo(data);
    assertThat(body.checksums()).containsEntry(ChecksumAlgorithm.CRC32, crc);

    byte[] trailingGarbage =
        ("3\r\nabc\r\n0\r\nx-amz-checksum-crc32:" + crc + "\r\n\r\nmore")
            .getBytes(StandardCharsets.US_ASCII);
    assertThat(Bodies.failure(auth.body(new ByteArrayInputStream(trailingGarbage), request)).code())
        .isEqualTo(S3ErrorCode.InvalidRequest);
  }

  @Test
  void signingKeysAreCachedAndTheCacheIsBounded() {
    AtomicInteger lookups = new AtomicInteger();
    SigV4Authenticator counting =
        new SigV4Authenticator(
            id -> {
              lookups.incrementAndGet();
              return TestSigV4.lookup().find(id);
            },
            Set.of("us-east-1"),
            Clock.fixed(NOW, ZoneOffset.UTC));
    for (int i = 0; i < 3; i++) {
      TestRequest request = get("/bucket/key" + i);
      TestSigV4.sign(request, NOW, TestSigV4.EMPTY_SHA256);
      counting.authenticate(request);
    }
    assertThat(counting.cachedSigningKeys()).isEqualTo(1);
    assertThat(lookups).hasValue(3);

    SigningKeyCache cache = new SigningKeyCache(4);
    for (int i = 0; i < 10; i++) {
      cache.signingKey("secret" + i, "20260301", "us-east-1");
    }
    assertThat(cache.size()).isEqualTo(4);
    assertThat(cache.signingKey("secret9", "20260301", "us-east-1"))
        .isEqualTo(SigningKeyCache.derive("secret9", "20260301", "us-east-1"))
        .isEqualTo(TestSigV4.signingKey("secret9", "20260301", "us-east-1"));
  }

  @Test
  void credentialLookupThatFindsNothingForAnyKey() {
    SigV4Authenticator none =
        new SigV4Authenticator(id -> Optional.empty(), Set.of("us-east-1"), Clock.systemUTC());
    TestRequest request = get("/bucket/key");
    TestSigV4.sign(request, Instant.now(), TestSigV4.EMPTY_SHA256);
    assertThat(catchThrowableOfType(S3Exception.class, () -> none.authenticate(request)).code())
        .isEqualTo(S3ErrorCode.InvalidAccessKeyId);
  }
}
