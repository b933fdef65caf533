package network.aioz.storage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Bucket versioning as the AWS SDK sees it: versions, delete markers, suspension. */
@StorageIntegrationTest
class VersioningIntegrationTests extends OneBucketSdkTests {

  VersioningIntegrationTests() {
    super("versioning");
  }

  String put(String key, String body) {
    return s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body)).versionId();
  }

  String get(String key, String versionId) {
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).versionId(versionId)).asUtf8String();
  }

  @Test
  void versionsDeleteMarkersAndSuspension() {
    assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isNull();
    s3.putBucketVersioning(
        b ->
            b.bucket(bucket)
                .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
    assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status())
        .isEqualTo(BucketVersioningStatus.ENABLED);

    String v1 = put("doc.txt", "one");
    String v2 = put("doc.txt", "two");
    String v3 = put("doc.txt", "three");
    assertThat(List.of(v1, v2, v3)).doesNotContainNull().doesNotHaveDuplicates();
    assertThat(v1).isNotEqualTo("null");

    ListObjectVersionsResponse listed =
        s3.listObjectVersions(b -> b.bucket(bucket).prefix("doc.txt"));
    assertThat(listed.versions()).extracting(ObjectVersion::versionId).containsExactly(v3, v2, v1);
    assertThat(listed.versions())
        .extracting(ObjectVersion::isLatest)
        .containsExactly(true, false, false);
    assertThat(listed.versions().getFirst().eTag())
        .isEqualTo(TestData.quotedMd5("three".getBytes()));
    assertThat(listed.versions().getFirst().size()).isEqualTo(5);

    assertThat(get("doc.txt", v1)).isEqualTo("one");
    assertThat(get("doc.txt", v2)).isEqualTo("two");
    assertThat(get("doc.txt", null)).isEqualTo("three");
    assertThat(s3.headObject(b -> b.bucket(bucket).key("doc.txt").versionId(v2)).versionId())
        .isEqualTo(v2);

    DeleteObjectResponse deleted = s3.deleteObject(b -> b.bucket(bucket).key("doc.txt"));
    assertThat(deleted.deleteMarker()).isTrue();
    String marker = deleted.versionId();
    assertThat(marker).isNotNull().isNotIn(v1, v2, v3);

    S3Exception gone = catchThrowableOfType(S3Exception.class, () -> get("doc.txt", null));
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
    assertThat(gone.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-delete-marker"))
        .contains("true");

    S3Exception byMarker = catchThrowableOfType(S3Exception.class, () -> get("doc.txt", marker));
    assertThat(byMarker.statusCode()).isEqualTo(405);
    assertThat(byMarker.awsErrorDetails().errorCode()).isEqualTo("MethodNotAllowed");
    assertThat(get("doc.txt", v3)).isEqualTo("three");

    ListObjectVersionsResponse withMarker =
        s3.listObjectVersions(b -> b.bucket(bucket).prefix("doc.txt"));
    assertThat(withMarker.deleteMarkers())
        .extracting(DeleteMarkerEntry::versionId, DeleteMarkerEntry::isLatest)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(marker, true));
    assertThat(withMarker.versions()).extracting(ObjectVersion::isLatest).containsOnly(false);
    assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("doc.txt")).contents()).isEmpty();

    DeleteObjectResponse unmarked =
        s3.deleteObject(b -> b.bucket(bucket).key("doc.txt").versionId(marker));
    assertThat(unmarked.versionId()).isEqualTo(marker);
    assertThat(unmarked.deleteMarker()).isTrue();
    assertThat(get("doc.txt", null)).isEqualTo("three");

    s3.deleteObject(b -> b.bucket(bucket).key("doc.txt").versionId(v2));
    S3Exception noVersion = catchThrowableOfType(S3Exception.class, () -> get("doc.txt", v2));
    assertThat(noVersion.statusCode()).isIn(400, 404);
    assertThat(noVersion.awsErrorDetails().errorCode()).isIn("NoSuchVersion", "InvalidArgument");

    s3.putBucketVersioning(
        b ->
            b.bucket(bucket)
                .versioningConfiguration(c -> c.status(BucketVersioningStatus.SUSPENDED)));
    assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status())
        .isEqualTo(BucketVersioningStatus.SUSPENDED);
    assertThat(put("doc.txt", "four")).isEqualTo("null");
    assertThat(put("doc.txt", "five")).isEqualTo("null");
    assertThat(get("doc.txt", "null")).isEqualTo("five");
    assertThat(get("doc.txt", v3)).isEqualTo("three");
    ListObjectVersionsResponse suspended =
        s3.listObjectVersions(b -> b.bucket(bucket).prefix("doc.txt"));
    assertThat(suspended.versions())
        .extracting(ObjectVersion::versionId)
        .containsExactly("null", v3, v1);
  }

  @Test
  void versionListingPaginatesWithKeyAndVersionMarkers() {
    String key = "paged/item";
    String other = TestData.bucket("versioning-paged");
    s3.createBucket(b -> b.bucket(other));
    s3.putBucketVersioning(
        b ->
            b.bucket(other).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
    for (int i = 0; i < 5; i++) {
      String body = "v" + i;
      s3.putObject(b -> b.bucket(other).key(key), RequestBody.fromString(body));
    }
    s3.putObject(b -> b.bucket(other).key("paged/z"), RequestBody.fromString("z"));
    List<String> seen = new java.util.ArrayList<>();
    String keyMarker = null;
    String versionMarker = null;
    boolean truncated;
    do {
      String km = keyMarker;
      String vm = versionMarker;
      ListObjectVersionsResponse page =
          s3.listObjectVersions(b -> b.bucket(other).maxKeys(2).keyMarker(km).versionIdMarker(vm));
      page.versions().forEach(v -> seen.add(v.key() + "@" + v.versionId()));
      truncated = page.isTruncated();
      keyMarker = page.nextKeyMarker();
      versionMarker = page.nextVersionIdMarker();
    } while (truncated);
    assertThat(seen).hasSize(6).doesNotHaveDuplicates();
    assertThat(seen.getLast()).startsWith("paged/z@");
  }

  @Test
  void copyFromAnOldVersionAndBatchDeletesMakeMarkers() {
    String vb = TestData.bucket("versioning-copy");
    s3.createBucket(b -> b.bucket(vb));
    s3.putBucketVersioning(
        b -> b.bucket(vb).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
    String old =
        s3.putObject(b -> b.bucket(vb).key("src"), RequestBody.fromString("old")).versionId();
    s3.putObject(b -> b.bucket(vb).key("src"), RequestBody.fromString("new"));
    var copied =
        s3.copyObject(
            b ->
                b.sourceBucket(vb)
                    .sourceKey("src")
                    .sourceVersionId(old)
                    .destinationBucket(vb)
                    .destinationKey("dst"));
    assertThat(copied.copySourceVersionId()).isEqualTo(old);
    assertThat(copied.versionId()).isNotNull().isNotEqualTo(old);
    assertThat(s3.getObjectAsBytes(b -> b.bucket(vb).key("dst")).asUtf8String()).isEqualTo("old");

    var deleted =
        s3.deleteObjects(
            b ->
                b.bucket(vb)
                    .delete(
                        d ->
                            d.objects(
                                software.amazon.awssdk.services.s3.model.ObjectIdentifier.builder()
                                    .key("dst")
                                    .build(),
                                software.amazon.awssdk.services.s3.model.ObjectIdentifier.builder()
                                    .key("src")
                                    .versionId(old)
                                    .build())));
    assertThat(deleted.errors()).isEmpty();
    var marker =
        deleted.deleted().stream().filter(d -> d.key().equals("dst")).findFirst().orElseThrow();
    assertThat(marker.deleteMarker()).isTrue();
    assertThat(marker.deleteMarkerVersionId()).isNotBlank();
    var removed =
        deleted.deleted().stream().filter(d -> d.key().equals("src")).findFirst().orElseThrow();
    assertThat(removed.versionId()).isEqualTo(old);
    assertThat(s3.listObjectVersions(b -> b.bucket(vb).prefix("src")).versions())
        .extracting(ObjectVersion::versionId)
        .doesNotContain(old)
        .hasSize(1);
    S3Exception gone =
        catchThrowableOfType(S3Exception.class, () -> s3.headObject(b -> b.bucket(vb).key("dst")));
    assertThat(gone.statusCode()).isEqualTo(404);
  }
}
