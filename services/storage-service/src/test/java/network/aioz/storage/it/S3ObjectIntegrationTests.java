package network.aioz.storage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

@StorageIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3ObjectIntegrationTests {

  @LocalServerPort int port;
  S3Client s3;
  String bucket;

  @BeforeAll
  void client() {
    s3 = S3Clients.aws(port, StorageTestInfra.ACCESS_KEY, StorageTestInfra.SECRET_KEY);
    bucket = "objects-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(bucket));
  }

  @AfterAll
  void close() {
    s3.close();
  }

  static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @Test
  void smallObjectRoundTrips() {
    byte[] data = random(1000, 1);
    s3.putObject(
        b -> b.bucket(bucket).key("small.bin").contentType("application/x-test"),
        RequestBody.fromBytes(data));
    ResponseBytes<GetObjectResponse> got =
        s3.getObjectAsBytes(b -> b.bucket(bucket).key("small.bin"));
    assertThat(got.asByteArray()).isEqualTo(data);
    assertThat(got.response().contentType()).isEqualTo("application/x-test");
    assertThat(got.response().eTag()).isEqualTo("\"" + md5(data) + "\"");
  }

  @Test
  void multiSegmentObjectRoundTripsAndServesRanges() {
    byte[] data = random(3 * 1024 * 1024 + 12345, 2);
    s3.putObject(b -> b.bucket(bucket).key("dir/big.bin"), RequestBody.fromBytes(data));
    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("dir/big.bin")).asByteArray())
        .isEqualTo(data);
    byte[] range =
        s3.getObjectAsBytes(b -> b.bucket(bucket).key("dir/big.bin").range("bytes=1048000-1049999"))
            .asByteArray();
    assertThat(range).isEqualTo(java.util.Arrays.copyOfRange(data, 1048000, 1050000));
    byte[] suffix =
        s3.getObjectAsBytes(b -> b.bucket(bucket).key("dir/big.bin").range("bytes=-100"))
            .asByteArray();
    assertThat(suffix)
        .isEqualTo(java.util.Arrays.copyOfRange(data, data.length - 100, data.length));
    HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("dir/big.bin"));
    assertThat(head.contentLength()).isEqualTo(data.length);
    ListObjectsV2Response list = s3.listObjectsV2(b -> b.bucket(bucket).prefix("dir/"));
    assertThat(list.contents()).extracting(o -> o.key()).contains("dir/big.bin");
  }

  @Test
  void deletedObjectIsGone() {
    s3.putObject(b -> b.bucket(bucket).key("gone"), RequestBody.fromString("x"));
    s3.deleteObject(b -> b.bucket(bucket).key("gone"));
    NoSuchKeyException e =
        catchThrowableOfType(
            NoSuchKeyException.class, () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("gone")));
    assertThat(e).isNotNull();
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
  }

  @Test
  void otherTenantIsDenied() {
    try (S3Client other =
        S3Clients.aws(port, StorageTestInfra.OTHER_ACCESS_KEY, StorageTestInfra.OTHER_SECRET_KEY)) {
      S3Exception e =
          catchThrowableOfType(S3Exception.class, () -> other.listObjectsV2(b -> b.bucket(bucket)));
      assertThat(e.statusCode()).isEqualTo(403);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    }
  }

  static String md5(byte[] data) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("MD5").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
