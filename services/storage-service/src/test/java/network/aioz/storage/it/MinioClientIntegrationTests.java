package network.aioz.storage.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.DeleteRequest;
import io.minio.messages.DeleteResult;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The MinIO Java client, which signs and splits uploads its own way. */
@StorageIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MinioClientIntegrationTests {

  @LocalServerPort int port;
  MinioClient minio;
  String bucket;

  @BeforeAll
  void setUp() throws Exception {
    minio =
        MinioClient.builder()
            .endpoint("http://127.0.0.1:" + port)
            .region("us-east-1")
            .credentials(StorageTestInfra.ACCESS_KEY, StorageTestInfra.SECRET_KEY)
            .build();
    bucket = TestData.bucket("minio");
    minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
  }

  @AfterAll
  void tearDown() throws Exception {
    minio.close();
  }

  void put(String key, byte[] data, String contentType) throws Exception {
    minio.putObject(
        PutObjectArgs.builder().bucket(bucket).object(key).stream(
                new ByteArrayInputStream(data), (long) data.length, -1L)
            .contentType(contentType)
            .userMetadata(Map.of("source", "minio"))
            .build());
  }

  byte[] get(String key) throws Exception {
    try (GetObjectResponse in =
        minio.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
      return in.readAllBytes();
    }
  }

  @Test
  void smallAndMultipartObjectsRoundTrip() throws Exception {
    assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())).isTrue();
    byte[] small = TestData.random(3000, 51);
    byte[] big = TestData.random(7 * 1024 * 1024, 52);
    put("docs/small.txt", small, "text/plain");
    put("media/big.bin", big, "application/octet-stream");

    StatObjectResponse smallStat =
        minio.statObject(StatObjectArgs.builder().bucket(bucket).object("docs/small.txt").build());
    assertThat(smallStat.size()).isEqualTo(small.length);
    assertThat(smallStat.etag()).isEqualTo(TestData.md5Hex(small));
    assertThat(smallStat.contentType()).isEqualTo("text/plain");
    assertThat(smallStat.userMetadata().getFirst("source")).isEqualTo("minio");

    StatObjectResponse bigStat =
        minio.statObject(StatObjectArgs.builder().bucket(bucket).object("media/big.bin").build());
    assertThat(bigStat.size()).isEqualTo(big.length);
    // 7 MiB goes up in 5 MiB parts: two of them
    assertThat(bigStat.etag()).endsWith("-2");
    assertThat(get("docs/small.txt")).isEqualTo(small);
    assertThat(get("media/big.bin")).isEqualTo(big);

    try (GetObjectResponse range =
        minio.getObject(
            GetObjectArgs.builder()
                .bucket(bucket)
                .object("media/big.bin")
                .offset(5L * 1024 * 1024 - 3)
                .length(6L)
                .build())) {
      assertThat(range.readAllBytes())
          .isEqualTo(java.util.Arrays.copyOfRange(big, 5 * 1024 * 1024 - 3, 5 * 1024 * 1024 + 3));
    }
  }

  @Test
  void listsRecursiveAndByLevelThenRemoves() throws Exception {
    for (String k : List.of("l/a.txt", "l/b/1.txt", "l/b/2.txt", "l/c/3.txt")) {
      put(k, k.getBytes(), "text/plain");
    }
    List<String> recursive = new ArrayList<>();
    for (Result<Item> r :
        minio.listObjects(
            ListObjectsArgs.builder().bucket(bucket).prefix("l/").recursive(true).build())) {
      recursive.add(r.get().objectName());
    }
    assertThat(recursive).containsExactly("l/a.txt", "l/b/1.txt", "l/b/2.txt", "l/c/3.txt");

    List<String> level = new ArrayList<>();
    for (Result<Item> r :
        minio.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix("l/").build())) {
      Item item = r.get();
      level.add(item.objectName() + (item.isDir() ? " (dir)" : ""));
    }
    assertThat(level).containsExactly("l/a.txt", "l/b/ (dir)", "l/c/ (dir)");

    List<String> v1 = new ArrayList<>();
    for (Result<Item> r :
        minio.listObjects(
            ListObjectsArgs.builder()
                .bucket(bucket)
                .prefix("l/")
                .recursive(true)
                .useApiVersion1(true)
                .maxKeys(1)
                .build())) {
      v1.add(r.get().objectName());
    }
    assertThat(v1).containsExactly("l/a.txt", "l/b/1.txt", "l/b/2.txt", "l/c/3.txt");

    minio.removeObject(RemoveObjectArgs.builder().bucket(bucket).object("l/a.txt").build());
    List<String> errors = new ArrayList<>();
    for (Result<DeleteResult.Error> r :
        minio.removeObjects(
            RemoveObjectsArgs.builder()
                .bucket(bucket)
                .objects(
                    List.of(
                        new DeleteRequest.Object("l/b/1.txt"),
                        new DeleteRequest.Object("l/b/2.txt"),
                        new DeleteRequest.Object("l/c/3.txt")))
                .build())) {
      errors.add(r.get().toString());
    }
    assertThat(errors).isEmpty();
    assertThat(
            minio
                .listObjects(
                    ListObjectsArgs.builder().bucket(bucket).prefix("l/").recursive(true).build())
                .iterator()
                .hasNext())
        .isFalse();
    ErrorResponseException missing =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ErrorResponseException.class,
            () ->
                minio.statObject(
                    StatObjectArgs.builder().bucket(bucket).object("l/a.txt").build()));
    assertThat(missing.errorResponse().code()).isEqualTo("NoSuchKey");
  }

  @Test
  void awkwardKeysSurviveMinioListingWhichAlwaysAsksForUrlEncoding() throws Exception {
    List<String> keys = List.of("odd/a b", "odd/a+b", "odd/100%", "odd/ü 日本", "odd/x&y=z");
    for (String k : keys) {
      put(k, k.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain");
    }
    List<String> listed = new ArrayList<>();
    for (Result<Item> r :
        minio.listObjects(
            ListObjectsArgs.builder().bucket(bucket).prefix("odd/").recursive(true).build())) {
      listed.add(r.get().objectName());
    }
    assertThat(listed).containsExactlyInAnyOrderElementsOf(keys);
    for (String k : keys) {
      assertThat(new String(get(k), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(k);
    }
  }
}
