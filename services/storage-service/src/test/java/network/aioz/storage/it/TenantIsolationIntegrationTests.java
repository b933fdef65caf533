package network.aioz.storage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/** A second tenant's keys open nothing of the first tenant's, and change nothing. */
@StorageIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationIntegrationTests {

  @LocalServerPort int port;
  S3Client owner;
  S3Client other;
  String bucket;
  String otherBucket;
  String uploadId;

  @BeforeAll
  void setUp() {
    owner = S3Clients.aws(port, StorageTestInfra.ACCESS_KEY, StorageTestInfra.SECRET_KEY);
    other =
        S3Clients.aws(port, StorageTestInfra.OTHER_ACCESS_KEY, StorageTestInfra.OTHER_SECRET_KEY);
    bucket = TestData.bucket("tenant-a");
    otherBucket = TestData.bucket("tenant-b");
    owner.createBucket(b -> b.bucket(bucket));
    other.createBucket(b -> b.bucket(otherBucket));
    owner.putObject(
        b -> b.bucket(bucket).key("secret.txt").tagging("k=v"), RequestBody.fromString("secret"));
    uploadId = owner.createMultipartUpload(b -> b.bucket(bucket).key("upload.bin")).uploadId();
  }

  @AfterAll
  void tearDown() {
    owner.close();
    other.close();
  }

  @Test
  void everyOperationOnAnotherTenantsBucketIsDenied() {
    Map<String, Runnable> attempts = new LinkedHashMap<>();
    attempts.put("ListObjectsV2", () -> other.listObjectsV2(b -> b.bucket(bucket)));
    attempts.put("ListObjects", () -> other.listObjects(b -> b.bucket(bucket)));
    attempts.put("ListObjectVersions", () -> other.listObjectVersions(b -> b.bucket(bucket)));
    attempts.put("ListMultipartUploads", () -> other.listMultipartUploads(b -> b.bucket(bucket)));
    attempts.put("HeadBucket", () -> other.headBucket(b -> b.bucket(bucket)));
    attempts.put("GetBucketLocation", () -> other.getBucketLocation(b -> b.bucket(bucket)));
    attempts.put("GetBucketVersioning", () -> other.getBucketVersioning(b -> b.bucket(bucket)));
    attempts.put(
        "PutBucketVersioning",
        () ->
            other.putBucketVersioning(
                b ->
                    b.bucket(bucket)
                        .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED))));
    attempts.put("GetBucketTagging", () -> other.getBucketTagging(b -> b.bucket(bucket)));
    attempts.put(
        "PutBucketTagging",
        () ->
            other.putBucketTagging(
                b ->
                    b.bucket(bucket)
                        .tagging(t -> t.tagSet(Tag.builder().key("x").value("y").build()))));
    attempts.put("GetBucketCors", () -> other.getBucketCors(b -> b.bucket(bucket)));
    attempts.put(
        "PutBucketCors",
        () ->
            other.putBucketCors(
                b ->
                    b.bucket(bucket)
                        .corsConfiguration(
                            c -> c.corsRules(r -> r.allowedOrigins("*").allowedMethods("GET")))));
    attempts.put("DeleteBucket", () -> other.deleteBucket(b -> b.bucket(bucket)));
    attempts.put(
        "GetObject", () -> other.getObjectAsBytes(b -> b.bucket(bucket).key("secret.txt")));
    attempts.put("HeadObject", () -> other.headObject(b -> b.bucket(bucket).key("secret.txt")));
    attempts.put(
        "GetMissingObject", () -> other.getObjectAsBytes(b -> b.bucket(bucket).key("no-such")));
    attempts.put(
        "PutObject",
        () ->
            other.putObject(
                b -> b.bucket(bucket).key("secret.txt"), RequestBody.fromString("overwritten")));
    attempts.put("DeleteObject", () -> other.deleteObject(b -> b.bucket(bucket).key("secret.txt")));
    attempts.put(
        "DeleteObjects",
        () ->
            other.deleteObjects(
                b ->
                    b.bucket(bucket)
                        .delete(
                            d -> d.objects(ObjectIdentifier.builder().key("secret.txt").build()))));
    attempts.put(
        "GetObjectTagging", () -> other.getObjectTagging(b -> b.bucket(bucket).key("secret.txt")));
    attempts.put(
        "PutObjectTagging",
        () ->
            other.putObjectTagging(
                b ->
                    b.bucket(bucket)
                        .key("secret.txt")
                        .tagging(t -> t.tagSet(Tag.builder().key("x").value("y").build()))));
    attempts.put(
        "DeleteObjectTagging",
        () -> other.deleteObjectTagging(b -> b.bucket(bucket).key("secret.txt")));
    attempts.put(
        "CreateMultipartUpload",
        () -> other.createMultipartUpload(b -> b.bucket(bucket).key("theirs.bin")));
    attempts.put(
        "UploadPart",
        () ->
            other.uploadPart(
                b -> b.bucket(bucket).key("upload.bin").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("part")));
    attempts.put(
        "ListParts",
        () -> other.listParts(b -> b.bucket(bucket).key("upload.bin").uploadId(uploadId)));
    attempts.put(
        "CompleteMultipartUpload",
        () ->
            other.completeMultipartUpload(
                b ->
                    b.bucket(bucket)
                        .key("upload.bin")
                        .uploadId(uploadId)
                        .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag("\"x\"")))));
    attempts.put(
        "AbortMultipartUpload",
        () ->
            other.abortMultipartUpload(b -> b.bucket(bucket).key("upload.bin").uploadId(uploadId)));
    attempts.put(
        "CopyObjectFromIt",
        () ->
            other.copyObject(
                b ->
                    b.sourceBucket(bucket)
                        .sourceKey("secret.txt")
                        .destinationBucket(otherBucket)
                        .destinationKey("stolen.txt")));
    attempts.put(
        "UploadPartCopyFromIt",
        () -> {
          String theirs =
              other.createMultipartUpload(b -> b.bucket(otherBucket).key("copied.bin")).uploadId();
          other.uploadPartCopy(
              b ->
                  b.sourceBucket(bucket)
                      .sourceKey("secret.txt")
                      .destinationBucket(otherBucket)
                      .destinationKey("copied.bin")
                      .uploadId(theirs)
                      .partNumber(1));
        });

    Map<String, String> outcomes = new LinkedHashMap<>();
    attempts.forEach(
        (name, attempt) -> {
          S3Exception e = catchThrowableOfType(S3Exception.class, attempt::run);
          outcomes.put(
              name,
              e == null
                  ? "succeeded"
                  : e.statusCode()
                      + " "
                      + (e.awsErrorDetails().errorCode() == null
                          ? ""
                          : e.awsErrorDetails().errorCode()));
        });
    Map<String, String> expected = new LinkedHashMap<>();
    attempts.keySet().forEach(name -> expected.put(name, "403 AccessDenied"));
    // HEAD answers carry no body: only the status tells
    expected.put("HeadBucket", "403 ");
    expected.put("HeadObject", "403 ");
    assertThat(outcomes).containsExactlyEntriesOf(expected);

    // and nothing changed for the owner
    assertThat(owner.getObjectAsBytes(b -> b.bucket(bucket).key("secret.txt")).asUtf8String())
        .isEqualTo("secret");
    assertThat(owner.getObjectTagging(b -> b.bucket(bucket).key("secret.txt")).tagSet())
        .extracting(Tag::key)
        .containsExactly("k");
    assertThat(owner.getBucketVersioning(b -> b.bucket(bucket)).status()).isNull();
    assertThat(owner.listParts(b -> b.bucket(bucket).key("upload.bin").uploadId(uploadId)).parts())
        .isEmpty();
    assertThat(owner.listObjectsV2(b -> b.bucket(bucket)).contents())
        .extracting(o -> o.key())
        .containsExactly("secret.txt");
  }

  @Test
  void copyIntoAnotherTenantsBucketIsDenied() {
    other.putObject(b -> b.bucket(otherBucket).key("mine.txt"), RequestBody.fromString("b's"));
    S3Exception e =
        catchThrowableOfType(
            S3Exception.class,
            () ->
                other.copyObject(
                    b ->
                        b.sourceBucket(otherBucket)
                            .sourceKey("mine.txt")
                            .destinationBucket(bucket)
                            .destinationKey("planted.txt")));
    assertThat(e.statusCode()).isEqualTo(403);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
  }

  @Test
  void creatingAnotherTenantsBucketIsBucketAlreadyExists() {
    S3Exception e =
        catchThrowableOfType(S3Exception.class, () -> other.createBucket(b -> b.bucket(bucket)));
    assertThat(e.statusCode()).isEqualTo(409);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketAlreadyExists");
    assertThat(owner.headBucket(b -> b.bucket(bucket)).sdkHttpResponse().isSuccessful()).isTrue();
  }

  @Test
  void listBucketsShowsOnlyOwnBuckets() {
    assertThat(other.listBuckets().buckets())
        .extracting(b -> b.name())
        .contains(otherBucket)
        .doesNotContain(bucket);
    assertThat(owner.listBuckets().buckets())
        .extracting(b -> b.name())
        .contains(bucket)
        .doesNotContain(otherBucket);
  }
}
