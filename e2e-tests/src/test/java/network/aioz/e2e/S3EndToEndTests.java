package network.aioz.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.abort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import network.aioz.localstack.Endpoints;
import network.aioz.localstack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 API of a local stack through its gateway, with the AWS SDK for Java v2 as an application
 * would use it, then the AWS CLI and rclone through {@code scripts/e2e-s3.sh}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3EndToEndTests {

  private static final String BUCKET = "e2e-sdk";
  private static final String ODD_KEY = "docs/a b+c%2F€é.txt";
  private static final int MIB = 1024 * 1024;

  private Endpoints endpoints;
  private Endpoints.S3 s3;
  private S3Client client;
  private S3Client otherTenant;
  private final byte[] first = random(5 * MIB, 1);
  private final byte[] second = random(3 * MIB + 123, 2);

  @BeforeAll
  void connect() {
    LocalStack stack = E2eStack.get();
    endpoints = stack.endpoints();
    s3 = endpoints.credentials().s3();
    client = client(s3.keys().get(0));
    otherTenant = client(s3.keys().get(1));
  }

  @AfterAll
  void disconnect() {
    if (client != null) {
      client.close();
      otherTenant.close();
    }
  }

  @Test
  @Order(1)
  void theS3EndpointIsTheGatewayAndBothDevelopmentTenantsHaveKeys() {
    assertThat(s3.endpoint()).isEqualTo(endpoints.gateway());
    assertThat(s3.keys()).extracting(Endpoints.S3Key::tenant).containsExactly("dev", "dev2");
  }

  @Test
  @Order(2)
  void putsGetsAndListsObjectsWithAwkwardKeys() {
    client.createBucket(b -> b.bucket(BUCKET));
    byte[] small = "hello, storage\n".getBytes(StandardCharsets.UTF_8);
    byte[] erasureCoded = random(300 * 1024, 3);

    client.putObject(b -> b.bucket(BUCKET).key(ODD_KEY), RequestBody.fromBytes(small));
    client.putObject(
        b -> b.bucket(BUCKET).key("blobs/coded.bin"), RequestBody.fromBytes(erasureCoded));
    client.putObject(b -> b.bucket(BUCKET).key("blobs/deep/x"), RequestBody.fromBytes(small));

    assertThat(client.getObjectAsBytes(b -> b.bucket(BUCKET).key(ODD_KEY)).asByteArray())
        .isEqualTo(small);
    assertThat(sha256(client.getObjectAsBytes(b -> b.bucket(BUCKET).key("blobs/coded.bin"))))
        .isEqualTo(sha256(erasureCoded));
    ListObjectsV2Response top = client.listObjectsV2(b -> b.bucket(BUCKET).delimiter("/"));
    assertThat(top.commonPrefixes())
        .extracting(CommonPrefix::prefix)
        .containsExactly("blobs/", "docs/");
    ListObjectsV2Response blobs =
        client.listObjectsV2(b -> b.bucket(BUCKET).prefix("blobs/").delimiter("/"));
    assertThat(blobs.contents()).extracting(S3Object::key).containsExactly("blobs/coded.bin");
    assertThat(blobs.contents().getFirst().size()).isEqualTo(erasureCoded.length);
    assertThat(blobs.commonPrefixes()).extracting(CommonPrefix::prefix).contains("blobs/deep/");
  }

  @Test
  @Order(3)
  void completesAMultipartUploadAndServesRangesAcrossItsParts() {
    String key = "multipart/object.bin";
    String uploadId = client.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
    List<CompletedPart> parts = new ArrayList<>();
    byte[][] bodies = {first, second};
    for (int i = 0; i < bodies.length; i++) {
      int partNumber = i + 1;
      String etag =
          client
              .uploadPart(
                  b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(partNumber),
                  RequestBody.fromBytes(bodies[i]))
              .eTag();
      parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
    }
    String etag =
        client
            .completeMultipartUpload(
                b ->
                    b.bucket(BUCKET)
                        .key(key)
                        .uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts)))
            .eTag();

    byte[] whole = concat(first, second);
    assertThat(etag).endsWith("-2\"");
    assertThat(sha256(client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key))))
        .isEqualTo(sha256(whole));
    long from = first.length - 1000L;
    long to = first.length + 70_000L;
    ResponseBytes<GetObjectResponse> range =
        client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key).range("bytes=" + from + "-" + to));
    assertThat(range.response().contentRange())
        .isEqualTo("bytes " + from + "-" + to + "/" + whole.length);
    assertThat(range.asByteArray()).isEqualTo(Arrays.copyOfRange(whole, (int) from, (int) to + 1));
  }

  @Test
  @Order(4)
  void servesAPresignedGetToAPlainHttpClient() throws Exception {
    URI url;
    try (S3Presigner presigner =
        S3Presigner.builder()
            .endpointOverride(URI.create(s3.endpoint()))
            .region(Region.of(s3.region()))
            .credentialsProvider(credentials(s3.keys().get(0)))
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .build()) {
      url =
          presigner
              .presignGetObject(
                  p ->
                      p.signatureDuration(Duration.ofMinutes(5))
                          .getObjectRequest(g -> g.bucket(BUCKET).key(ODD_KEY)))
              .url()
              .toURI();
    }
    HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> tampered =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(url.toString().replace(ODD_KEY.substring(0, 4), "dox/")))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("hello, storage\n");
    assertThat(tampered.statusCode()).isEqualTo(403);
    assertThat(tampered.body()).contains("<Code>SignatureDoesNotMatch</Code>");
  }

  @Test
  @Order(5)
  void anotherTenantCannotReadTheBucket() {
    assertThatThrownBy(() -> otherTenant.getObjectAsBytes(b -> b.bucket(BUCKET).key(ODD_KEY)))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isIn(403, 404));
    assertThatThrownBy(() -> otherTenant.listObjectsV2(b -> b.bucket(BUCKET)))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isIn(403, 404));
  }

  @Test
  @Order(6)
  void theAwsCliAndRcloneAgreeWithTheStoreThroughTheScript() throws Exception {
    Path script = repositoryRoot().resolve("scripts/e2e-s3.sh");
    Path endpointsFile = E2eStack.get().dataDir().resolve("endpoints.json");
    Path log = Files.createTempFile("e2e-s3", ".log");
    Process process =
        new ProcessBuilder("bash", script.toString(), endpointsFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean finished = process.waitFor(8, TimeUnit.MINUTES);
    String output = Files.readString(log);
    System.out.println(output);
    if (!finished) {
      process.destroyForcibly();
    }
    assertThat(finished).as("e2e-s3.sh finished within 8 minutes").isTrue();
    if (process.exitValue() == 3) {
      abort("the AWS CLI and rclone are missing and cannot be installed here:\n" + output);
    }
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("PASSED");
  }

  private S3Client client(Endpoints.S3Key key) {
    return S3Client.builder()
        .endpointOverride(URI.create(s3.endpoint()))
        .region(Region.of(s3.region()))
        .credentialsProvider(credentials(key))
        .forcePathStyle(true)
        .build();
  }

  private static StaticCredentialsProvider credentials(Endpoints.S3Key key) {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("scripts/e2e-s3.sh"))) {
        return dir;
      }
    }
    throw new IllegalStateException("scripts/e2e-s3.sh not found above " + Path.of(""));
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  private static String sha256(ResponseBytes<?> bytes) {
    return sha256(bytes.asByteArray());
  }

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
