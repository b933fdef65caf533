package network.aioz.storage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Conditional reads and writes: 304 and 412 as S3 answers them, and create-only races. */
@StorageIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConditionalRequestIntegrationTests {

  @LocalServerPort int port;
  S3Client s3;
  String bucket;
  String etag;
  Instant lastModified;

  @BeforeAll
  void setUp() {
    s3 = S3Clients.aws(port, StorageTestInfra.ACCESS_KEY, StorageTestInfra.SECRET_KEY);
    bucket = TestData.bucket("conditions");
    s3.createBucket(b -> b.bucket(bucket));
    etag = s3.putObject(b -> b.bucket(bucket).key("obj"), RequestBody.fromString("content")).eTag();
    lastModified = s3.headObject(b -> b.bucket(bucket).key("obj")).lastModified();
  }

  @AfterAll
  void tearDown() {
    s3.close();
  }

  int getStatus(
      java.util.function.Consumer<software.amazon.awssdk.services.s3.model.GetObjectRequest.Builder>
          conditions) {
    try {
      s3.getObjectAsBytes(
          b -> {
            b.bucket(bucket).key("obj");
            conditions.accept(b);
          });
      return 200;
    } catch (S3Exception e) {
      return e.statusCode();
    }
  }

  int headStatus(
      java.util.function.Consumer<
              software.amazon.awssdk.services.s3.model.HeadObjectRequest.Builder>
          conditions) {
    try {
      HeadObjectResponse ignored =
          s3.headObject(
              b -> {
                b.bucket(bucket).key("obj");
                conditions.accept(b);
              });
      return 200;
    } catch (S3Exception e) {
      return e.statusCode();
    }
  }

  @Test
  void readConditionsOnGetAndHead() {
    Instant before = lastModified.minus(Duration.ofHours(1));
    Instant after = lastModified.plus(Duration.ofHours(1));

    assertThat(getStatus(b -> b.ifMatch(etag))).isEqualTo(200);
    assertThat(getStatus(b -> b.ifMatch("\"nope\""))).isEqualTo(412);
    assertThat(getStatus(b -> b.ifNoneMatch(etag))).isEqualTo(304);
    assertThat(getStatus(b -> b.ifNoneMatch("\"other\""))).isEqualTo(200);
    assertThat(getStatus(b -> b.ifModifiedSince(before))).isEqualTo(200);
    assertThat(getStatus(b -> b.ifModifiedSince(after))).isEqualTo(304);
    assertThat(getStatus(b -> b.ifModifiedSince(lastModified))).isEqualTo(304);
    assertThat(getStatus(b -> b.ifUnmodifiedSince(after))).isEqualTo(200);
    assertThat(getStatus(b -> b.ifUnmodifiedSince(before))).isEqualTo(412);
    // RFC 9110 precedence as S3 applies it: If-Match true + If-Unmodified-Since false = 200
    assertThat(getStatus(b -> b.ifMatch(etag).ifUnmodifiedSince(before))).isEqualTo(200);
    // If-None-Match false + If-Modified-Since true = 304
    assertThat(getStatus(b -> b.ifNoneMatch(etag).ifModifiedSince(before))).isEqualTo(304);

    assertThat(headStatus(b -> b.ifMatch(etag))).isEqualTo(200);
    assertThat(headStatus(b -> b.ifMatch("\"nope\""))).isEqualTo(412);
    assertThat(headStatus(b -> b.ifNoneMatch(etag))).isEqualTo(304);
    assertThat(headStatus(b -> b.ifModifiedSince(after))).isEqualTo(304);
    assertThat(headStatus(b -> b.ifUnmodifiedSince(before))).isEqualTo(412);
  }

  @Test
  void preconditionFailedIsAnS3Error() {
    S3Exception e =
        catchThrowableOfType(
            S3Exception.class,
            () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj").ifMatch("\"nope\"")));
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
    assertThat(e.statusCode()).isEqualTo(412);
  }

  @Test
  void putIfNoneMatchStarRefusesToOverwrite() {
    s3.putObject(
        b -> b.bucket(bucket).key("create-only").ifNoneMatch("*"), RequestBody.fromString("first"));
    S3Exception e =
        catchThrowableOfType(
            S3Exception.class,
            () ->
                s3.putObject(
                    b -> b.bucket(bucket).key("create-only").ifNoneMatch("*"),
                    RequestBody.fromString("second")));
    assertThat(e.statusCode()).isEqualTo(412);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("create-only")).asUtf8String())
        .isEqualTo("first");

    String current = s3.headObject(b -> b.bucket(bucket).key("create-only")).eTag();
    S3Exception stale =
        catchThrowableOfType(
            S3Exception.class,
            () ->
                s3.putObject(
                    b -> b.bucket(bucket).key("create-only").ifMatch("\"0123\""),
                    RequestBody.fromString("third")));
    assertThat(stale.statusCode()).isEqualTo(412);
    s3.putObject(
        b -> b.bucket(bucket).key("create-only").ifMatch(current),
        RequestBody.fromString("fourth"));
    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("create-only")).asUtf8String())
        .isEqualTo("fourth");
  }

  @Test
  void concurrentCreateOnlyPutsHaveExactlyOneWinner() throws Exception {
    assertExactlyOneWinner(bucket, "race");
  }

  @Test
  void concurrentCreateOnlyPutsHaveExactlyOneWinnerInAVersionedBucket() throws Exception {
    String versioned = TestData.bucket("conditions-versioned");
    s3.createBucket(b -> b.bucket(versioned));
    s3.putBucketVersioning(
        b ->
            b.bucket(versioned)
                .versioningConfiguration(
                    c ->
                        c.status(
                            software.amazon.awssdk.services.s3.model.BucketVersioningStatus
                                .ENABLED)));
    assertExactlyOneWinner(versioned, "race");
    assertThat(s3.listObjectVersions(b -> b.bucket(versioned).prefix("race")).versions())
        .hasSize(1);
  }

  void assertExactlyOneWinner(String target, String key) {
    int writers = 10;
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Integer>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
      for (int i = 0; i < writers; i++) {
        String body = "writer-" + i;
        results.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    go.await();
                    s3.putObject(
                        b -> b.bucket(target).key(key).ifNoneMatch("*"),
                        RequestBody.fromString(body));
                    return 200;
                  } catch (S3Exception e) {
                    return e.statusCode();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                  }
                },
                pool));
      }
      go.countDown();
      List<Integer> statuses = results.stream().map(CompletableFuture::join).toList();
      assertThat(statuses).as(statuses.toString()).filteredOn(s -> s == 200).hasSize(1);
      assertThat(statuses).as(statuses.toString()).filteredOn(s -> s == 412).hasSize(writers - 1);
    }
    assertThat(s3.getObjectAsBytes(b -> b.bucket(target).key(key)).asUtf8String())
        .startsWith("writer-");
  }
}
