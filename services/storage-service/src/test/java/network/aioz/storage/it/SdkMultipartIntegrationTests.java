package network.aioz.storage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;

/** Multipart uploads driven by the AWS SDK v2: the happy path, abort, and the refusals. */
@StorageIntegrationTest
class SdkMultipartIntegrationTests extends OneBucketSdkTests {

  static final int MIB = 1024 * 1024;

  SdkMultipartIntegrationTests() {
    super("sdk-multipart");
  }

  String create(String key) {
    return s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType("video/mp4"))
        .uploadId();
  }

  String upload(String key, String uploadId, int partNumber, byte[] data) {
    return s3.uploadPart(
            b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
            RequestBody.fromBytes(data))
        .eTag();
  }

  static CompletedPart part(int n, String etag) {
    return CompletedPart.builder().partNumber(n).eTag(etag).build();
  }

  @Test
  void threePartsCompleteToOneObjectReadableWholeAndByPart() {
    byte[] p1 = TestData.random(5 * MIB, 21);
    byte[] p2 = TestData.random(5 * MIB, 22);
    byte[] p3 = TestData.random(MIB, 23);
    String key = "movie.mp4";
    String uploadId = create(key);
    String e1 = upload(key, uploadId, 1, p1);
    String e2 = upload(key, uploadId, 2, p2);
    String e3 = upload(key, uploadId, 3, p3);
    assertThat(List.of(e1, e2, e3))
        .containsExactly(TestData.quotedMd5(p1), TestData.quotedMd5(p2), TestData.quotedMd5(p3));

    ListPartsResponse parts = s3.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId));
    assertThat(parts.parts()).extracting(Part::partNumber).containsExactly(1, 2, 3);
    assertThat(parts.parts())
        .extracting(Part::size)
        .containsExactly((long) 5 * MIB, (long) 5 * MIB, (long) MIB);
    assertThat(parts.parts()).extracting(Part::eTag).containsExactly(e1, e2, e3);
    assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads())
        .extracting(MultipartUpload::uploadId)
        .contains(uploadId);
    ListPartsResponse firstTwo =
        s3.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId).maxParts(2));
    assertThat(firstTwo.isTruncated()).isTrue();
    assertThat(firstTwo.parts()).extracting(Part::partNumber).containsExactly(1, 2);
    assertThat(firstTwo.nextPartNumberMarker()).isEqualTo(2);
    ListPartsResponse rest =
        s3.listParts(
            b -> b.bucket(bucket).key(key).uploadId(uploadId).maxParts(2).partNumberMarker(2));
    assertThat(rest.isTruncated()).isFalse();
    assertThat(rest.parts()).extracting(Part::partNumber).containsExactly(3);

    CompleteMultipartUploadResponse done =
        s3.completeMultipartUpload(
            b ->
                b.bucket(bucket)
                    .key(key)
                    .uploadId(uploadId)
                    .multipartUpload(m -> m.parts(part(1, e1), part(2, e2), part(3, e3))));
    assertThat(done.eTag()).isEqualTo(TestData.multipartEtag(p1, p2, p3));
    assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads())
        .extracting(MultipartUpload::uploadId)
        .doesNotContain(uploadId);

    ResponseBytes<GetObjectResponse> whole = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
    byte[] expected = new byte[11 * MIB];
    System.arraycopy(p1, 0, expected, 0, p1.length);
    System.arraycopy(p2, 0, expected, 5 * MIB, p2.length);
    System.arraycopy(p3, 0, expected, 10 * MIB, p3.length);
    assertThat(whole.asByteArray()).isEqualTo(expected);
    assertThat(whole.response().eTag()).isEqualTo(done.eTag());
    assertThat(whole.response().contentType()).isEqualTo("video/mp4");

    ResponseBytes<GetObjectResponse> second =
        s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).partNumber(2));
    assertThat(second.asByteArray()).isEqualTo(p2);
    assertThat(second.response().partsCount()).isEqualTo(3);
    assertThat(second.response().contentRange())
        .isEqualTo("bytes " + 5 * MIB + "-" + (10 * MIB - 1) + "/" + 11 * MIB);

    byte[] across =
        s3.getObjectAsBytes(
                b ->
                    b.bucket(bucket)
                        .key(key)
                        .range("bytes=" + (5 * MIB - 10) + "-" + (5 * MIB + 9)))
            .asByteArray();
    assertThat(across).isEqualTo(Arrays.copyOfRange(expected, 5 * MIB - 10, 5 * MIB + 10));
  }

  @Test
  void anAbortedUploadIsGone() {
    String key = "aborted.bin";
    String uploadId = create(key);
    upload(key, uploadId, 1, TestData.random(1000, 24));
    s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
    NoSuchUploadException e =
        catchThrowableOfType(
            NoSuchUploadException.class,
            () -> s3.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId)));
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchUpload");
    assertThat(e.statusCode()).isEqualTo(404);
    assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads())
        .extracting(MultipartUpload::uploadId)
        .doesNotContain(uploadId);
    S3Exception late =
        catchThrowableOfType(S3Exception.class, () -> upload(key, uploadId, 2, new byte[10]));
    assertThat(late.awsErrorDetails().errorCode()).isEqualTo("NoSuchUpload");
    S3Exception noObject =
        catchThrowableOfType(
            S3Exception.class, () -> s3.headObject(b -> b.bucket(bucket).key(key)));
    assertThat(noObject.statusCode()).isEqualTo(404);
  }

  @Test
  void completeRefusesSmallPartsBadOrderAndWrongEtags() {
    String key = "refused.bin";
    String uploadId = create(key);
    byte[] small = TestData.random(1000, 25);
    byte[] last = TestData.random(500, 26);
    String e1 = upload(key, uploadId, 1, small);
    String e2 = upload(key, uploadId, 2, last);
    String e3 = upload(key, uploadId, 3, TestData.random(5 * MIB, 29));

    S3Exception tooSmall =
        catchThrowableOfType(
            S3Exception.class,
            () ->
                s3.completeMultipartUpload(
                    b ->
                        b.bucket(bucket)
                            .key(key)
                            .uploadId(uploadId)
                            .multipartUpload(m -> m.parts(part(1, e1), part(2, e2)))));
    assertThat(tooSmall.awsErrorDetails().errorCode()).isEqualTo("EntityTooSmall");
    assertThat(tooSmall.statusCode()).isEqualTo(400);

    S3Exception order =
        catchThrowableOfType(
            S3Exception.class,
            () ->
                s3.completeMultipartUpload(
                    b ->
                        b.bucket(bucket)
                            .key(key)
                            .uploadId(uploadId)
                            .multipartUpload(m -> m.parts(part(3, e3), part(1, e1)))));
    assertThat(order.awsErrorDetails().errorCode()).isEqualTo("InvalidPartOrder");

    S3Exception wrongEtag =
        catchThrowableOfType(
            S3Exception.class,
            () ->
                s3.completeMultipartUpload(
                    b ->
                        b.bucket(bucket)
                            .key(key)
                            .uploadId(uploadId)
                            .multipartUpload(
                                m -> m.parts(part(1, "\"00000000000000000000000000000000\"")))));
    assertThat(wrongEtag.awsErrorDetails().errorCode()).isEqualTo("InvalidPart");

    S3Exception missingPart =
        catchThrowableOfType(
            S3Exception.class,
            () ->
                s3.completeMultipartUpload(
                    b ->
                        b.bucket(bucket)
                            .key(key)
                            .uploadId(uploadId)
                            .multipartUpload(m -> m.parts(part(3, e3), part(7, e2)))));
    assertThat(missingPart.awsErrorDetails().errorCode()).isEqualTo("InvalidPart");

    // a single part may be small: it is the last one
    CompleteMultipartUploadResponse one =
        s3.completeMultipartUpload(
            b ->
                b.bucket(bucket)
                    .key(key)
                    .uploadId(uploadId)
                    .multipartUpload(m -> m.parts(part(1, e1))));
    assertThat(one.eTag()).isEqualTo(TestData.multipartEtag(small));
    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray()).isEqualTo(small);
  }

  @Test
  void uploadPartCopyTakesARangeOfAnotherObject() {
    byte[] source = TestData.random(2 * MIB + 700_000, 27);
    s3.putObject(b -> b.bucket(bucket).key("copy-source.bin"), RequestBody.fromBytes(source));
    String key = "assembled.bin";
    String uploadId = create(key);
    // a range that crosses the source's first segment boundary
    int first = MIB - 1000;
    int last = MIB + 299_999;
    UploadPartCopyResponse copied =
        s3.uploadPartCopy(
            b ->
                b.sourceBucket(bucket)
                    .sourceKey("copy-source.bin")
                    .destinationBucket(bucket)
                    .destinationKey(key)
                    .uploadId(uploadId)
                    .partNumber(1)
                    .copySourceRange("bytes=" + first + "-" + last));
    byte[] expected = Arrays.copyOfRange(source, first, last + 1);
    assertThat(copied.copyPartResult().eTag()).isEqualTo(TestData.quotedMd5(expected));
    assertThat(s3.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId)).parts())
        .extracting(Part::size)
        .containsExactly((long) expected.length);
    s3.completeMultipartUpload(
        b ->
            b.bucket(bucket)
                .key(key)
                .uploadId(uploadId)
                .multipartUpload(m -> m.parts(part(1, copied.copyPartResult().eTag()))));
    ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
    assertThat(got.asByteArray()).isEqualTo(expected);
    assertThat(got.response().eTag()).isEqualTo(TestData.multipartEtag(expected));

    String another = create(key);
    S3Exception outside =
        catchThrowableOfType(
            S3Exception.class,
            () ->
                s3.uploadPartCopy(
                    b ->
                        b.sourceBucket(bucket)
                            .sourceKey("copy-source.bin")
                            .destinationBucket(bucket)
                            .destinationKey(key)
                            .uploadId(another)
                            .partNumber(1)
                            .copySourceRange("bytes=0-" + source.length)));
    assertThat(outside.awsErrorDetails().errorCode()).isIn("InvalidRange", "InvalidArgument");
    s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(another));
  }

  @Test
  void listMultipartUploadsPaginatesPastCommonPrefixesAndRepeatedKeys() {
    String listed = TestData.bucket("sdk-uploads");
    s3.createBucket(b -> b.bucket(listed));
    List<String> keys = List.of("a/1", "a/2", "a/3", "a/4", "b", "b", "c d+e", "z/1");
    List<String> ids = new java.util.ArrayList<>();
    for (String k : keys) {
      ids.add(s3.createMultipartUpload(b -> b.bucket(listed).key(k)).uploadId());
    }

    List<String> flat = new java.util.ArrayList<>();
    String keyMarker = null;
    String idMarker = null;
    boolean truncated;
    do {
      String km = keyMarker;
      String im = idMarker;
      var page =
          s3.listMultipartUploads(
              b -> b.bucket(listed).maxUploads(3).keyMarker(km).uploadIdMarker(im));
      page.uploads().forEach(u -> flat.add(u.uploadId()));
      truncated = page.isTruncated();
      keyMarker = page.nextKeyMarker();
      idMarker = page.nextUploadIdMarker();
    } while (truncated);
    assertThat(flat).containsExactlyInAnyOrderElementsOf(ids).doesNotHaveDuplicates();

    List<String> rolled = new java.util.ArrayList<>();
    keyMarker = null;
    idMarker = null;
    do {
      String km = keyMarker;
      String im = idMarker;
      var page =
          s3.listMultipartUploads(
              b ->
                  b.bucket(listed)
                      .delimiter("/")
                      .maxUploads(2)
                      .keyMarker(km)
                      .uploadIdMarker(im)
                      .encodingType(software.amazon.awssdk.services.s3.model.EncodingType.URL));
      List<String> entries = new java.util.ArrayList<>();
      page.uploads().forEach(u -> entries.add(u.key()));
      page.commonPrefixes().forEach(p -> entries.add(p.prefix()));
      entries.sort(null);
      rolled.addAll(entries);
      truncated = page.isTruncated();
      keyMarker = page.nextKeyMarker();
      idMarker = page.nextUploadIdMarker();
    } while (truncated);
    assertThat(rolled).containsExactly("a/", "b", "b", "c d+e", "z/");
  }
}
