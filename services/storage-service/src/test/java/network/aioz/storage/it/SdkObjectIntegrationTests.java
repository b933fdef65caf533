package network.aioz.storage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The AWS SDK v2 with its default settings (aws-chunked bodies with CRC32 trailers): objects,
 * metadata and standard headers, checksums, and every listing parameter the SDK sends.
 */
@StorageIntegrationTest
class SdkObjectIntegrationTests extends OneBucketSdkTests {

  SdkObjectIntegrationTests() {
    super("sdk-objects");
  }

  @Test
  void putGetHeadDeleteWithMetadataHeadersAndChecksum() {
    byte[] data = TestData.random(6000, 11);
    PutObjectResponse put =
        s3.putObject(
            b ->
                b.bucket(bucket)
                    .key("meta/object.bin")
                    .contentType("application/x-thing")
                    .cacheControl("max-age=60")
                    .contentDisposition("attachment; filename=\"a.bin\"")
                    .contentLanguage("de")
                    .metadata(Map.of("colour", "blue", "Owner-Name", "Ann")),
            RequestBody.fromBytes(data));
    assertThat(put.eTag()).isEqualTo(TestData.quotedMd5(data));
    assertThat(put.checksumCRC32()).isEqualTo(TestData.crc32Base64(data));

    HeadObjectResponse head =
        s3.headObject(
            b -> b.bucket(bucket).key("meta/object.bin").checksumMode(ChecksumMode.ENABLED));
    assertThat(head.contentLength()).isEqualTo(data.length);
    assertThat(head.eTag()).isEqualTo(TestData.quotedMd5(data));
    assertThat(head.contentType()).isEqualTo("application/x-thing");
    assertThat(head.cacheControl()).isEqualTo("max-age=60");
    assertThat(head.contentDisposition()).isEqualTo("attachment; filename=\"a.bin\"");
    assertThat(head.contentLanguage()).isEqualTo("de");
    assertThat(head.metadata()).containsEntry("colour", "blue").containsEntry("owner-name", "Ann");
    assertThat(head.checksumCRC32()).isEqualTo(TestData.crc32Base64(data));
    assertThat(head.lastModified()).isNotNull();

    ResponseBytes<GetObjectResponse> got =
        s3.getObjectAsBytes(
            b -> b.bucket(bucket).key("meta/object.bin").checksumMode(ChecksumMode.ENABLED));
    assertThat(got.asByteArray()).isEqualTo(data);
    assertThat(got.response().checksumCRC32()).isEqualTo(TestData.crc32Base64(data));
    assertThat(got.response().metadata()).containsEntry("colour", "blue");

    ResponseBytes<GetObjectResponse> overridden =
        s3.getObjectAsBytes(
            b ->
                b.bucket(bucket)
                    .key("meta/object.bin")
                    .responseCacheControl("no-store")
                    .responseContentDisposition("inline")
                    .responseContentType("text/plain")
                    .responseContentLanguage("fr"));
    assertThat(overridden.response().cacheControl()).isEqualTo("no-store");
    assertThat(overridden.response().contentDisposition()).isEqualTo("inline");
    assertThat(overridden.response().contentType()).isEqualTo("text/plain");
    assertThat(overridden.response().contentLanguage()).isEqualTo("fr");

    s3.deleteObject(b -> b.bucket(bucket).key("meta/object.bin"));
    assertThat(
            catchThrowableOfType(
                NoSuchKeyException.class,
                () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("meta/object.bin"))))
        .isNotNull();
    S3Exception headGone =
        catchThrowableOfType(
            S3Exception.class, () -> s3.headObject(b -> b.bucket(bucket).key("meta/object.bin")));
    assertThat(headGone.statusCode()).isEqualTo(404);
    // deleting what is not there is still a success in S3
    s3.deleteObject(b -> b.bucket(bucket).key("meta/object.bin"));
  }

  @Test
  void multiSegmentObjectKeepsItsChecksumAndEtag() {
    byte[] data = TestData.random(2 * 1024 * 1024 + 512 * 1024, 12);
    s3.putObject(b -> b.bucket(bucket).key("meta/three-segments"), RequestBody.fromBytes(data));
    ResponseBytes<GetObjectResponse> got =
        s3.getObjectAsBytes(
            b -> b.bucket(bucket).key("meta/three-segments").checksumMode(ChecksumMode.ENABLED));
    assertThat(got.asByteArray()).isEqualTo(data);
    assertThat(got.response().eTag()).isEqualTo(TestData.quotedMd5(data));
    assertThat(got.response().checksumCRC32()).isEqualTo(TestData.crc32Base64(data));
  }

  @Test
  void emptyObjectRoundTrips() {
    s3.putObject(b -> b.bucket(bucket).key("meta/empty"), RequestBody.empty());
    ResponseBytes<GetObjectResponse> got =
        s3.getObjectAsBytes(b -> b.bucket(bucket).key("meta/empty"));
    assertThat(got.asByteArray()).isEmpty();
    assertThat(got.response().eTag()).isEqualTo("\"d41d8cd98f00b204e9800998ecf8427e\"");
  }

  @Test
  void listV2PaginatesWithContinuationTokensCollectingEveryKeyOnce() {
    List<String> keys =
        List.of("page/a", "page/b", "page/c", "page/d", "page/e", "page/f", "page/g");
    keys.forEach(k -> s3.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromString(k)));
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String t = token;
      ListObjectsV2Response page =
          s3.listObjectsV2(b -> b.bucket(bucket).prefix("page/").maxKeys(2).continuationToken(t));
      assertThat(page.keyCount()).isEqualTo(page.contents().size());
      assertThat(page.contents()).hasSizeLessThanOrEqualTo(2);
      assertThat(page.continuationToken()).isEqualTo(t);
      page.contents().forEach(o -> seen.add(o.key()));
      token = page.isTruncated() ? page.nextContinuationToken() : null;
      if (page.isTruncated()) {
        assertThat(token).isNotBlank();
      }
      pages++;
    } while (token != null);
    assertThat(seen).containsExactlyElementsOf(keys);
    assertThat(pages).isEqualTo(4);

    ListObjectsV2Response after =
        s3.listObjectsV2(b -> b.bucket(bucket).prefix("page/").startAfter("page/e"));
    assertThat(after.contents()).extracting(S3Object::key).containsExactly("page/f", "page/g");
    assertThat(after.startAfter()).isEqualTo("page/e");
    assertThat(after.contents().getFirst().size()).isEqualTo("page/f".length());
    assertThat(after.contents().getFirst().eTag())
        .isEqualTo(TestData.quotedMd5("page/f".getBytes()));
  }

  @Test
  void listV2WithDelimiterRollsUpCommonPrefixesAcrossPages() {
    List<String> keys = List.of("tree/a.txt", "tree/d1/x", "tree/d1/y", "tree/d2/z", "tree/e.txt");
    keys.forEach(k -> s3.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromString(k)));
    ListObjectsV2Response all =
        s3.listObjectsV2(b -> b.bucket(bucket).prefix("tree/").delimiter("/"));
    assertThat(all.contents())
        .extracting(S3Object::key)
        .containsExactly("tree/a.txt", "tree/e.txt");
    assertThat(all.commonPrefixes())
        .extracting(CommonPrefix::prefix)
        .containsExactly("tree/d1/", "tree/d2/");
    assertThat(all.keyCount()).isEqualTo(4);
    assertThat(all.delimiter()).isEqualTo("/");

    List<String> seen = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      ListObjectsV2Response page =
          s3.listObjectsV2(
              b -> b.bucket(bucket).prefix("tree/").delimiter("/").maxKeys(1).continuationToken(t));
      page.contents().forEach(o -> seen.add(o.key()));
      page.commonPrefixes().forEach(p -> seen.add(p.prefix()));
      token = page.isTruncated() ? page.nextContinuationToken() : null;
    } while (token != null);
    assertThat(seen).containsExactly("tree/a.txt", "tree/d1/", "tree/d2/", "tree/e.txt");
  }

  @Test
  void listV2WithUrlEncodingReturnsAwkwardKeysIntact() {
    List<String> keys =
        List.of("enc/a b.txt", "enc/a+b.txt", "enc/100%.txt", "enc/ünï/日本.txt", "enc/q?x=1&y");
    keys.forEach(k -> s3.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromString(k)));
    ListObjectsV2Response encoded =
        s3.listObjectsV2(b -> b.bucket(bucket).prefix("enc/").encodingType(EncodingType.URL));
    assertThat(encoded.contents())
        .extracting(S3Object::key)
        .containsExactlyInAnyOrderElementsOf(keys);
    ListObjectsV2Response plain = s3.listObjectsV2(b -> b.bucket(bucket).prefix("enc/"));
    assertThat(plain.contents())
        .extracting(S3Object::key)
        .containsExactlyInAnyOrderElementsOf(keys);
    for (String k : keys) {
      assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(k)).asUtf8String()).isEqualTo(k);
    }
    ListObjectsV2Response withDelimiter =
        s3.listObjectsV2(
            b -> b.bucket(bucket).prefix("enc/").delimiter("/").encodingType(EncodingType.URL));
    assertThat(withDelimiter.commonPrefixes())
        .extracting(CommonPrefix::prefix)
        .containsExactly("enc/ünï/");
  }

  @Test
  void listV1PaginatesWithMarkerAndNextMarker() {
    List<String> keys = List.of("v1/a/1", "v1/a/2", "v1/b", "v1/c/1", "v1/d");
    keys.forEach(k -> s3.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromString(k)));
    List<String> seen = new ArrayList<>();
    String marker = null;
    do {
      String m = marker;
      ListObjectsResponse page =
          s3.listObjects(b -> b.bucket(bucket).prefix("v1/").maxKeys(2).marker(m));
      page.contents().forEach(o -> seen.add(o.key()));
      // without a delimiter S3 leaves NextMarker out: the last key is the marker
      marker =
          page.isTruncated()
              ? (page.nextMarker() != null ? page.nextMarker() : page.contents().getLast().key())
              : null;
    } while (marker != null);
    assertThat(seen).containsExactlyElementsOf(keys);

    List<String> rolled = new ArrayList<>();
    marker = null;
    do {
      String m = marker;
      ListObjectsResponse page =
          s3.listObjects(b -> b.bucket(bucket).prefix("v1/").delimiter("/").maxKeys(2).marker(m));
      // one page holds keys and prefixes in separate lists: merge them back into key order
      List<String> entries = new ArrayList<>();
      page.contents().forEach(o -> entries.add(o.key()));
      page.commonPrefixes().forEach(p -> entries.add(p.prefix()));
      entries.sort(null);
      rolled.addAll(entries);
      if (page.isTruncated()) {
        assertThat(page.nextMarker()).isNotBlank();
      }
      marker = page.isTruncated() ? page.nextMarker() : null;
    } while (marker != null);
    assertThat(rolled).containsExactly("v1/a/", "v1/b", "v1/c/", "v1/d");
  }

  @Test
  void keysWithPathLikeAndReservedCharactersRoundTrip() {
    List<String> keys =
        List.of(
            "odd/../up",
            "odd/./here",
            "odd//double",
            "odd/back\\slash",
            "odd/semi;colon",
            "odd/~!*'()$,@=:",
            "odd/trailing/",
            "odd/#hash[1]{2}^`|<>\"");
    for (String k : keys) {
      s3.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromString(k));
    }
    for (String k : keys) {
      assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(k)).asUtf8String())
          .as(k)
          .isEqualTo(k);
    }
    assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("odd/")).contents())
        .extracting(S3Object::key)
        .containsExactlyInAnyOrderElementsOf(keys);
  }

  @Test
  void theAwsChunkedTransferCodingIsNotStoredAsTheObjectsContentEncoding() {
    s3.putObject(b -> b.bucket(bucket).key("coding/plain"), RequestBody.fromString("plain"));
    assertThat(s3.headObject(b -> b.bucket(bucket).key("coding/plain")).contentEncoding()).isNull();
    s3.putObject(
        b -> b.bucket(bucket).key("coding/gzip").contentEncoding("gzip"),
        RequestBody.fromString("pretend-gzip"));
    assertThat(s3.headObject(b -> b.bucket(bucket).key("coding/gzip")).contentEncoding())
        .isEqualTo("gzip");
    assertThat(
            s3.getObjectAsBytes(b -> b.bucket(bucket).key("coding/gzip"))
                .response()
                .contentEncoding())
        .isEqualTo("gzip");
  }
}
