package network.aioz.storage.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The fixture most storage integration tests share: an AWS SDK client with the development key and
 * one fresh bucket of their own, created once per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OneBucketSdkTests {

  private final String bucketPrefix;

  @LocalServerPort int port;
  S3Client s3;
  String bucket;

  OneBucketSdkTests(String bucketPrefix) {
    this.bucketPrefix = bucketPrefix;
  }

  @BeforeAll
  void createClientAndBucket() {
    s3 = S3Clients.aws(port, StorageTestInfra.ACCESS_KEY, StorageTestInfra.SECRET_KEY);
    bucket = TestData.bucket(bucketPrefix);
    s3.createBucket(b -> b.bucket(bucket));
  }

  @AfterAll
  void closeClient() {
    s3.close();
  }
}
