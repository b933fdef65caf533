package network.aioz.storage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Requests no well-behaved client sends, on a raw socket: each is refused with an S3 XML error
 * (Code, Message, RequestId), never a 500 or a stack trace, and leaves stored data as it was.
 */
@StorageIntegrationTest
class BadInputIntegrationTests extends OneBucketSdkTests {

  BadInputIntegrationTests() {
    super("bad-input");
  }

  RawS3.Response signed(
      SdkHttpMethod method, String path, String query, Map<String, String> headers, byte[] body) {
    return RawS3.send(
        port,
        RawS3.sign(
            port,
            method,
            path,
            query,
            headers,
            body,
            StorageTestInfra.ACCESS_KEY,
            StorageTestInfra.SECRET_KEY,
            false));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void malformedXmlBodiesAreMalformedXml() {
    String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp.bin")).uploadId();
    signed(
            SdkHttpMethod.POST,
            "/" + bucket + "/mp.bin",
            "uploadId=" + uploadId,
            Map.of("Content-Type", "application/xml"),
            utf8("<CompleteMultipartUpload><Part><PartNumber>1</PartNumber>"))
        .assertS3Error(400, "MalformedXML");
    signed(
            SdkHttpMethod.POST,
            "/" + bucket + "/mp.bin",
            "uploadId=" + uploadId,
            Map.of(),
            utf8(
                "<CompleteMultipartUpload><Part><PartNumber>one</PartNumber></Part></CompleteMultipartUpload>"))
        .assertS3Error(400, "MalformedXML");
    signed(
            SdkHttpMethod.POST,
            "/" + bucket,
            "delete",
            Map.of("Content-Type", "application/xml"),
            utf8("<Delete><Object><Key>a</Key></Object"))
        .assertS3Error(400, "MalformedXML");
    signed(
            SdkHttpMethod.POST,
            "/" + bucket,
            "delete",
            Map.of(),
            utf8("<NotDelete><Object><Key>a</Key></Object></NotDelete>"))
        .assertS3Error(400, "MalformedXML");
    signed(
            SdkHttpMethod.PUT,
            "/" + bucket,
            "versioning",
            Map.of(),
            utf8("<VersioningConfiguration><Status>Enabled</Status>"))
        .assertS3Error(400, "MalformedXML");
    signed(SdkHttpMethod.PUT, "/" + bucket, "versioning", Map.of(), utf8("not xml at all"))
        .assertS3Error(400, "MalformedXML");
    RawS3.Response badStatus =
        signed(
            SdkHttpMethod.PUT,
            "/" + bucket,
            "versioning",
            Map.of(),
            utf8(
                "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                    + "<Status>Sometimes</Status></VersioningConfiguration>"));
    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(badStatus.body())
        .containsAnyOf(
            "<Code>MalformedXML</Code>", "<Code>IllegalVersioningConfigurationException</Code>");
    assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isNull();
    // the upload is still there and usable
    assertThat(s3.listParts(b -> b.bucket(bucket).key("mp.bin").uploadId(uploadId)).parts())
        .isEmpty();
  }

  @Test
  void wrongContentMd5IsBadDigestAndKeepsTheOldObject() {
    byte[] old = TestData.random(5000, 61);
    s3.putObject(b -> b.bucket(bucket).key("digest.bin"), RequestBody.fromBytes(old));
    byte[] replacement = TestData.random(5000, 62);
    signed(
            SdkHttpMethod.PUT,
            "/" + bucket + "/digest.bin",
            null,
            Map.of("Content-MD5", TestData.md5Base64(utf8("something else"))),
            replacement)
        .assertS3Error(400, "BadDigest");
    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("digest.bin")).asByteArray())
        .isEqualTo(old);
    signed(
            SdkHttpMethod.PUT,
            "/" + bucket + "/digest.bin",
            null,
            Map.of("Content-MD5", "not-base64!"),
            replacement)
        .assertS3Error(400, "InvalidDigest");
    RawS3.Response right =
        signed(
            SdkHttpMethod.PUT,
            "/" + bucket + "/digest.bin",
            null,
            Map.of("Content-MD5", TestData.md5Base64(replacement)),
            replacement);
    assertThat(right.status()).isEqualTo(200);
    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("digest.bin")).asByteArray())
        .isEqualTo(replacement);
  }

  @Test
  void aTruncatedAwsChunkedBodyStoresNothing() {
    byte[] data = TestData.random(200_000, 63);
    RawS3.Wire wire =
        RawS3.sign(
            port,
            SdkHttpMethod.PUT,
            "/" + bucket + "/truncated.bin",
            null,
            Map.of("Content-Encoding", "aws-chunked"),
            data,
            StorageTestInfra.ACCESS_KEY,
            StorageTestInfra.SECRET_KEY,
            true);
    assertThat(wire.headers().get("x-amz-content-sha256"))
        .isEqualTo("STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
    RawS3.Response cut = RawS3.send(port, wire, wire.body().length / 2);
    cut.assertS3Error(400, "IncompleteBody");
    S3Exception missing =
        catchThrowableOfType(
            S3Exception.class, () -> s3.headObject(b -> b.bucket(bucket).key("truncated.bin")));
    assertThat(missing.statusCode()).isEqualTo(404);

    // the same request sent whole is stored byte-exact
    RawS3.Response whole = RawS3.send(port, wire);
    assertThat(whole.status()).as(whole.body()).isEqualTo(200);
    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("truncated.bin")).asByteArray())
        .isEqualTo(data);
  }

  @Test
  void anOversizedHeaderSectionIsRefused() {
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < 5; i++) {
      headers.put("x-amz-meta-filler-" + i, "x".repeat(1800));
    }
    signed(SdkHttpMethod.PUT, "/" + bucket + "/big-headers", null, headers, utf8("x"))
        .assertS3Error(400, "RequestHeaderSectionTooLarge");
    assertThat(
            catchThrowableOfType(
                S3Exception.class, () -> s3.headObject(b -> b.bucket(bucket).key("big-headers"))))
        .isNotNull();
  }

  @Test
  void badSignaturesAndUnknownKeysAreRefused() {
    RawS3.Response wrongSecret =
        RawS3.send(
            port,
            RawS3.sign(
                port,
                SdkHttpMethod.GET,
                "/" + bucket,
                "list-type=2",
                Map.of(),
                new byte[0],
                StorageTestInfra.ACCESS_KEY,
                "not-the-secret",
                false));
    wrongSecret.assertS3Error(403, "SignatureDoesNotMatch");
    assertThat(wrongSecret.body()).contains("<AWSAccessKeyId>" + StorageTestInfra.ACCESS_KEY);

    RawS3.Response unknown =
        RawS3.send(
            port,
            RawS3.sign(
                port,
                SdkHttpMethod.GET,
                "/" + bucket,
                "list-type=2",
                Map.of(),
                new byte[0],
                "AKIANOBODYKNOWSTHIS0",
                "whatever",
                false));
    unknown.assertS3Error(403, "InvalidAccessKeyId");

    RawS3.Wire tampered =
        RawS3.sign(
            port,
            SdkHttpMethod.GET,
            "/" + bucket,
            "list-type=2",
            Map.of(),
            new byte[0],
            StorageTestInfra.ACCESS_KEY,
            StorageTestInfra.SECRET_KEY,
            false);
    RawS3.send(
            port,
            new RawS3.Wire(
                tampered.method(),
                "/" + bucket + "?list-type=2&prefix=other",
                tampered.headers(),
                tampered.body()))
        .assertS3Error(403, "SignatureDoesNotMatch");

    Map<String, String> anonymous = new LinkedHashMap<>();
    anonymous.put("Host", "127.0.0.1:" + port);
    RawS3.send(port, new RawS3.Wire("GET", "/" + bucket, anonymous, new byte[0]))
        .assertS3Error(403, "AccessDenied");
    anonymous.put("Authorization", "AWS4-HMAC-SHA256 garbage");
    RawS3.Response malformed =
        RawS3.send(port, new RawS3.Wire("GET", "/" + bucket, anonymous, new byte[0]));
    assertThat(malformed.status()).isIn(400, 403);
    assertThat(malformed.body())
        .containsAnyOf(
            "<Code>AuthorizationHeaderMalformed</Code>",
            "<Code>AccessDenied</Code>",
            "<Code>InvalidArgument</Code>");
    malformed.assertS3Error(
        malformed.status(), malformed.body().replaceAll("(?s).*<Code>([^<]+)</Code>.*", "$1"));
  }

  @Test
  void otherRefusalsAreS3ErrorsToo() {
    signed(SdkHttpMethod.GET, "/" + bucket + "/nope", null, Map.of(), new byte[0])
        .assertS3Error(404, "NoSuchKey");
    signed(SdkHttpMethod.GET, "/no-such-bucket-" + bucket, null, Map.of(), new byte[0])
        .assertS3Error(404, "NoSuchBucket");
    signed(SdkHttpMethod.GET, "/" + bucket, "max-keys=lots", Map.of(), new byte[0])
        .assertS3Error(400, "InvalidArgument");
    signed(
            SdkHttpMethod.GET,
            "/" + bucket,
            "list-type=2&continuation-token=%21%21",
            Map.of(),
            new byte[0])
        .assertS3Error(400, "InvalidArgument");
    signed(
            SdkHttpMethod.PUT,
            "/" + bucket + "/x",
            "uploadId=nope&partNumber=1",
            Map.of(),
            utf8("x"))
        .assertS3Error(404, "NoSuchUpload");
    signed(SdkHttpMethod.GET, "/" + bucket, "acl", Map.of(), new byte[0])
        .assertS3Error(501, "NotImplemented");
    s3.putObject(b -> b.bucket(bucket).key("ranged"), RequestBody.fromString("0123456789"));
    signed(
            SdkHttpMethod.GET,
            "/" + bucket + "/ranged",
            null,
            Map.of("Range", "bytes=50-60"),
            new byte[0])
        .assertS3Error(416, "InvalidRange");
    signed(SdkHttpMethod.PUT, "/Bad_Bucket_Name", null, Map.of(), new byte[0])
        .assertS3Error(400, "InvalidBucketName");
  }
}
