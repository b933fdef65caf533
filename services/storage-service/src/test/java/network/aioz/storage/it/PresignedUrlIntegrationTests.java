package network.aioz.storage.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/** URLs made by the SDK's presigner, used by a client that holds no credentials. */
@StorageIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PresignedUrlIntegrationTests {

  @LocalServerPort int port;
  S3Client s3;
  S3Presigner presigner;
  String bucket;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void setUp() {
    s3 = S3Clients.aws(port, StorageTestInfra.ACCESS_KEY, StorageTestInfra.SECRET_KEY);
    presigner = S3Clients.presigner(port, StorageTestInfra.ACCESS_KEY, StorageTestInfra.SECRET_KEY);
    bucket = TestData.bucket("presigned");
    s3.createBucket(b -> b.bucket(bucket));
  }

  @AfterAll
  void tearDown() {
    presigner.close();
    s3.close();
  }

  @Test
  void presignedPutThenPresignedGet() throws Exception {
    byte[] data = TestData.random(70_000, 41);
    PresignedPutObjectRequest put =
        presigner.presignPutObject(
            p ->
                p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(b -> b.bucket(bucket).key("shared/file name.bin")));
    HttpRequest.Builder putRequest =
        HttpRequest.newBuilder(put.url().toURI()).PUT(HttpRequest.BodyPublishers.ofByteArray(data));
    put.signedHeaders()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("host")) {
                values.forEach(v -> putRequest.header(name, v));
              }
            });
    HttpResponse<String> stored =
        http.send(putRequest.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
    assertThat(stored.headers().firstValue("ETag")).contains(TestData.quotedMd5(data));

    PresignedGetObjectRequest get =
        presigner.presignGetObject(
            p ->
                p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(b -> b.bucket(bucket).key("shared/file name.bin")));
    HttpResponse<byte[]> read =
        http.send(
            HttpRequest.newBuilder(get.url().toURI()).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).isEqualTo(data);

    // the signature covers the query: a changed parameter is refused
    String tampered = get.url().toString().replace("X-Amz-Expires=300", "X-Amz-Expires=3000");
    HttpResponse<String> refused =
        http.send(
            HttpRequest.newBuilder(java.net.URI.create(tampered)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("<Code>SignatureDoesNotMatch</Code>");
  }

  @Test
  void anExpiredPresignedUrlIsRefused() throws Exception {
    s3.putObject(b -> b.bucket(bucket).key("short-lived"), RequestBody.fromString("soon gone"));
    PresignedGetObjectRequest get =
        presigner.presignGetObject(
            p ->
                p.signatureDuration(Duration.ofSeconds(1))
                    .getObjectRequest(b -> b.bucket(bucket).key("short-lived")));
    // X-Amz-Date has whole seconds: two seconds later the URL has certainly expired
    Thread.sleep(2100);
    HttpResponse<String> expired =
        http.send(
            HttpRequest.newBuilder(get.url().toURI()).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(expired.statusCode()).isEqualTo(403);
    assertThat(expired.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/xml");
    assertThat(expired.body())
        .contains("<Code>AccessDenied</Code>")
        .contains("expired")
        .contains("<RequestId>");
  }

  @Test
  void presignedGetCarriesResponseHeaderOverrides() throws Exception {
    s3.putObject(
        b -> b.bucket(bucket).key("report.pdf").contentType("application/pdf"),
        RequestBody.fromString("%PDF-1.7"));
    PresignedGetObjectRequest get =
        presigner.presignGetObject(
            p ->
                p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(
                        b ->
                            b.bucket(bucket)
                                .key("report.pdf")
                                .responseContentDisposition(
                                    "attachment; filename=\"Q3 report.pdf\"")
                                .responseContentType("application/octet-stream")));
    HttpResponse<String> read =
        http.send(
            HttpRequest.newBuilder(get.url().toURI()).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).isEqualTo("%PDF-1.7");
    assertThat(read.headers().firstValue("Content-Disposition"))
        .contains("attachment; filename=\"Q3 report.pdf\"");
    assertThat(read.headers().firstValue("Content-Type")).contains("application/octet-stream");
  }
}
