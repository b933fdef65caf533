package network.aioz.storage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.GetBucketCorsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;

/** Copies, batch deletes, tagging, CORS and the bucket-level calls and errors of the SDK. */
@StorageIntegrationTest
class BucketAndCopyIntegrationTests extends OneBucketSdkTests {

  BucketAndCopyIntegrationTests() {
    super("bucket-ops");
  }

  @org.springframework.beans.factory.annotation.Autowired
  org.springframework.jdbc.core.JdbcTemplate jdbc;

  @Test
  void aBucketForValuableDataAnnouncesItsPiecesForFrequentProofs() {
    String valuable = bucket + "-valuable";
    s3.createBucket(
        b ->
            b.bucket(valuable)
                .overrideConfiguration(o -> o.putHeader("x-aioz-proof-priority", "High")));
    assertThat(
            s3.headBucket(b -> b.bucket(valuable))
                .sdkHttpResponse()
                .firstMatchingHeader("x-aioz-proof-priority"))
        .hasValue("high");
    assertThat(
            s3.headBucket(b -> b.bucket(bucket))
                .sdkHttpResponse()
                .firstMatchingHeader("x-aioz-proof-priority"))
        .hasValue("standard");
    long before = highPriorityPiecesAnnounced();

    // large enough to live on edges, not inline
    s3.putObject(
        b -> b.bucket(valuable).key("ledger.db"),
        RequestBody.fromBytes(TestData.random(100_000, 3)));

    assertThat(highPriorityPiecesAnnounced() - before)
        .as("every stored piece of the object is announced with priority high")
        .isGreaterThanOrEqualTo(10);

    S3Exception refused =
        catchThrowableOfType(
            S3Exception.class,
            () ->
                s3.createBucket(
                    b ->
                        b.bucket(bucket + "-odd")
                            .overrideConfiguration(
                                o -> o.putHeader("x-aioz-proof-priority", "urgent"))));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
    s3.deleteObject(b -> b.bucket(valuable).key("ledger.db"));
    s3.deleteBucket(b -> b.bucket(valuable));
  }

  private long highPriorityPiecesAnnounced() {
    return jdbc.queryForObject(
        "select count(*) from event_outbox where topic = 'storage.piece'"
            + " and event_type = 'network.aioz.storage.PieceStored'"
            + " and convert_from(payload, 'UTF8')::jsonb ->> 'priority' = 'high'",
        Long.class);
  }

  @Test
  void copyObjectKeepsOrReplacesMetadata() {
    byte[] data = TestData.random(5000, 31);
    s3.putObject(
        b ->
            b.bucket(bucket)
                .key("copy/src")
                .contentType("image/png")
                .cacheControl("max-age=5")
                .metadata(Map.of("origin", "camera")),
        RequestBody.fromBytes(data));

    CopyObjectResponse kept =
        s3.copyObject(
            b ->
                b.sourceBucket(bucket)
                    .sourceKey("copy/src")
                    .destinationBucket(bucket)
                    .destinationKey("copy/kept"));
    assertThat(kept.copyObjectResult().eTag()).isEqualTo(TestData.quotedMd5(data));
    HeadObjectResponse keptHead = s3.headObject(b -> b.bucket(bucket).key("copy/kept"));
    assertThat(keptHead.contentType()).isEqualTo("image/png");
    assertThat(keptHead.cacheControl()).isEqualTo("max-age=5");
    assertThat(keptHead.metadata()).containsExactly(Map.entry("origin", "camera"));
    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("copy/kept")).asByteArray())
        .isEqualTo(data);

    s3.copyObject(
        b ->
            b.sourceBucket(bucket)
                .sourceKey("copy/src")
                .destinationBucket(bucket)
                .destinationKey("copy/replaced")
                .metadataDirective(MetadataDirective.REPLACE)
                .contentType("text/plain")
                .metadata(Map.of("edited", "yes")));
    HeadObjectResponse replaced = s3.headObject(b -> b.bucket(bucket).key("copy/replaced"));
    assertThat(replaced.contentType()).isEqualTo("text/plain");
    assertThat(replaced.metadata()).containsExactly(Map.entry("edited", "yes"));
    assertThat(replaced.cacheControl()).isNull();

    S3Exception toSelf =
        catchThrowableOfType(
            S3Exception.class,
            () ->
                s3.copyObject(
                    b ->
                        b.sourceBucket(bucket)
                            .sourceKey("copy/src")
                            .destinationBucket(bucket)
                            .destinationKey("copy/src")));
    assertThat(toSelf.statusCode()).isEqualTo(400);
    assertThat(toSelf.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");

    // copying onto itself with new metadata is how S3 users edit metadata
    s3.copyObject(
        b ->
            b.sourceBucket(bucket)
                .sourceKey("copy/src")
                .destinationBucket(bucket)
                .destinationKey("copy/src")
                .metadataDirective(MetadataDirective.REPLACE)
                .metadata(Map.of("origin", "edited")));
    assertThat(s3.headObject(b -> b.bucket(bucket).key("copy/src")).metadata())
        .containsEntry("origin", "edited");
    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("copy/src")).asByteArray())
        .isEqualTo(data);

    S3Exception noSource =
        catchThrowableOfType(
            S3Exception.class,
            () ->
                s3.copyObject(
                    b ->
                        b.sourceBucket(bucket)
                            .sourceKey("copy/missing")
                            .destinationBucket(bucket)
                            .destinationKey("copy/x")));
    assertThat(noSource.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
  }

  @Test
  void deleteObjectsVerboseAndQuiet() {
    for (String k : List.of("del/1", "del/2", "del/3", "del/4")) {
      s3.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromString(k));
    }
    DeleteObjectsResponse verbose =
        s3.deleteObjects(
            b ->
                b.bucket(bucket)
                    .delete(
                        d ->
                            d.objects(
                                ObjectIdentifier.builder().key("del/1").build(),
                                ObjectIdentifier.builder().key("del/2").build(),
                                ObjectIdentifier.builder().key("del/never-existed").build())));
    assertThat(verbose.deleted())
        .extracting(DeletedObject::key)
        .containsExactlyInAnyOrder("del/1", "del/2", "del/never-existed");
    assertThat(verbose.errors()).isEmpty();

    DeleteObjectsResponse quiet =
        s3.deleteObjects(
            b ->
                b.bucket(bucket)
                    .delete(
                        d ->
                            d.quiet(true)
                                .objects(
                                    ObjectIdentifier.builder().key("del/3").build(),
                                    ObjectIdentifier.builder().key("del/4").build())));
    assertThat(quiet.deleted()).isEmpty();
    assertThat(quiet.errors()).isEmpty();
    assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("del/")).contents()).isEmpty();
  }

  @Test
  void objectAndBucketTagging() {
    s3.putObject(
        b -> b.bucket(bucket).key("tagged").tagging("team=media&stage=raw"),
        RequestBody.fromString("x"));
    assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("tagged")).tagSet())
        .extracting(Tag::key, Tag::value)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("team", "media"),
            org.assertj.core.groups.Tuple.tuple("stage", "raw"));
    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("tagged")).response().tagCount())
        .isEqualTo(2);
    s3.putObjectTagging(
        b ->
            b.bucket(bucket)
                .key("tagged")
                .tagging(t -> t.tagSet(Tag.builder().key("stage").value("done").build())));
    assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("tagged")).tagSet())
        .extracting(Tag::key, Tag::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("stage", "done"));
    s3.deleteObjectTagging(b -> b.bucket(bucket).key("tagged"));
    assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("tagged")).tagSet()).isEmpty();

    S3Exception noTags =
        catchThrowableOfType(S3Exception.class, () -> s3.getBucketTagging(b -> b.bucket(bucket)));
    assertThat(noTags.awsErrorDetails().errorCode()).isEqualTo("NoSuchTagSet");
    s3.putBucketTagging(
        b ->
            b.bucket(bucket)
                .tagging(t -> t.tagSet(Tag.builder().key("cost-centre").value("42").build())));
    assertThat(s3.getBucketTagging(b -> b.bucket(bucket)).tagSet())
        .extracting(Tag::key)
        .containsExactly("cost-centre");
    s3.deleteBucketTagging(b -> b.bucket(bucket));
    assertThat(
            catchThrowableOfType(
                S3Exception.class, () -> s3.getBucketTagging(b -> b.bucket(bucket))))
        .isNotNull();
  }

  @Test
  void bucketCorsAndPreflight() throws Exception {
    String corsBucket = TestData.bucket("cors");
    s3.createBucket(b -> b.bucket(corsBucket));
    S3Exception none =
        catchThrowableOfType(S3Exception.class, () -> s3.getBucketCors(b -> b.bucket(corsBucket)));
    assertThat(none.awsErrorDetails().errorCode()).isEqualTo("NoSuchCORSConfiguration");

    s3.putBucketCors(
        b ->
            b.bucket(corsBucket)
                .corsConfiguration(
                    c ->
                        c.corsRules(
                            r ->
                                r.allowedOrigins("https://*.example.com")
                                    .allowedMethods("GET", "PUT")
                                    .allowedHeaders("content-type", "x-amz-*")
                                    .exposeHeaders("ETag")
                                    .maxAgeSeconds(600))));
    GetBucketCorsResponse cors = s3.getBucketCors(b -> b.bucket(corsBucket));
    assertThat(cors.corsRules()).hasSize(1);
    assertThat(cors.corsRules().getFirst().allowedMethods()).containsExactly("GET", "PUT");
    assertThat(cors.corsRules().getFirst().allowedOrigins())
        .containsExactly("https://*.example.com");
    assertThat(cors.corsRules().getFirst().maxAgeSeconds()).isEqualTo(600);

    HttpClient http = HttpClient.newHttpClient();
    URI object = URI.create("http://127.0.0.1:" + port + "/" + corsBucket + "/some/key");
    HttpResponse<String> allowed =
        http.send(
            HttpRequest.newBuilder(object)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "Content-Type, X-Amz-Date")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
        .contains("https://app.example.com");
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods").orElseThrow())
        .contains("PUT");
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
        .containsIgnoringCase("content-type")
        .containsIgnoringCase("x-amz-date");
    assertThat(allowed.headers().firstValue("Access-Control-Expose-Headers")).contains("ETag");
    assertThat(allowed.headers().firstValue("Access-Control-Max-Age")).contains("600");

    HttpResponse<String> denied =
        http.send(
            HttpRequest.newBuilder(object)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.test")
                .header("Access-Control-Request-Method", "GET")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).contains("<Code>AccessDenied</Code>");
    assertThat(denied.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

    HttpResponse<String> wrongMethod =
        http.send(
            HttpRequest.newBuilder(object)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "DELETE")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(wrongMethod.statusCode()).isEqualTo(403);

    s3.putObject(b -> b.bucket(corsBucket).key("some/key"), RequestBody.fromString("shared"));
    try (var presigner =
        S3Clients.presigner(port, StorageTestInfra.ACCESS_KEY, StorageTestInfra.SECRET_KEY)) {
      URI signedGet =
          presigner
              .presignGetObject(
                  p ->
                      p.signatureDuration(java.time.Duration.ofMinutes(1))
                          .getObjectRequest(b -> b.bucket(corsBucket).key("some/key")))
              .url()
              .toURI();
      HttpResponse<String> actual =
          http.send(
              HttpRequest.newBuilder(signedGet).header("Origin", "https://app.example.com").build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(actual.statusCode()).isEqualTo(200);
      assertThat(actual.headers().firstValue("Access-Control-Allow-Origin"))
          .contains("https://app.example.com");
      assertThat(actual.headers().firstValue("Access-Control-Expose-Headers")).contains("ETag");
      HttpResponse<String> foreign =
          http.send(
              HttpRequest.newBuilder(signedGet).header("Origin", "https://evil.test").build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
    s3.deleteObject(b -> b.bucket(corsBucket).key("some/key"));
    s3.deleteBucketCors(b -> b.bucket(corsBucket));
    assertThat(
            catchThrowableOfType(
                S3Exception.class, () -> s3.getBucketCors(b -> b.bucket(corsBucket))))
        .isNotNull();
    HttpResponse<String> afterDelete =
        http.send(
            HttpRequest.newBuilder(object)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "GET")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(afterDelete.statusCode()).isEqualTo(403);
    s3.deleteBucket(b -> b.bucket(corsBucket));
  }

  @Test
  void creatingAnOwnBucketAgainIsBucketAlreadyOwnedByYou() {
    String mine = TestData.bucket("twice");
    s3.createBucket(b -> b.bucket(mine));
    S3Exception again =
        catchThrowableOfType(S3Exception.class, () -> s3.createBucket(b -> b.bucket(mine)));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.awsErrorDetails().errorCode()).isEqualTo("BucketAlreadyOwnedByYou");
  }

  @Test
  void bucketLevelCallsAndErrors() {
    String mine = TestData.bucket("lifecycle");
    s3.createBucket(b -> b.bucket(mine));
    assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).contains(bucket, mine);
    assertThat(s3.headBucket(b -> b.bucket(mine)).sdkHttpResponse().statusCode()).isEqualTo(200);
    String location = s3.getBucketLocation(b -> b.bucket(mine)).locationConstraintAsString();
    assertThat(location == null || location.isEmpty() || location.equals("us-east-1")).isTrue();

    s3.putObject(b -> b.bucket(mine).key("keeps-it"), RequestBody.fromString("x"));
    S3Exception notEmpty =
        catchThrowableOfType(S3Exception.class, () -> s3.deleteBucket(b -> b.bucket(mine)));
    assertThat(notEmpty.statusCode()).isEqualTo(409);
    assertThat(notEmpty.awsErrorDetails().errorCode()).isEqualTo("BucketNotEmpty");
    s3.deleteObject(b -> b.bucket(mine).key("keeps-it"));
    s3.deleteBucket(b -> b.bucket(mine));

    NoSuchBucketException gone =
        catchThrowableOfType(
            NoSuchBucketException.class, () -> s3.listObjectsV2(b -> b.bucket(mine)));
    assertThat(gone.statusCode()).isEqualTo(404);
    S3Exception headGone =
        catchThrowableOfType(S3Exception.class, () -> s3.headBucket(b -> b.bucket(mine)));
    assertThat(headGone.statusCode()).isEqualTo(404);
    assertThat(
            catchThrowableOfType(
                    S3Exception.class,
                    () -> s3.putObject(b -> b.bucket(mine).key("k"), RequestBody.fromString("x")))
                .awsErrorDetails()
                .errorCode())
        .isEqualTo("NoSuchBucket");
    assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).doesNotContain(mine);
    assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("nothing-here/")).contents())
        .extracting(S3Object::key)
        .isEmpty();
  }
}
