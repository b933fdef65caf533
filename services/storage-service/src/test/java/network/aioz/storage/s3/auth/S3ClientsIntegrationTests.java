package network.aioz.storage.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import network.aioz.storage.support.S3Exception;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A JDK HTTP server that authenticates with this package and stores verified bodies, driven by the
 * real AWS SDK v2 S3Client (default checksums: CRC32 trailer over aws-chunked), S3Presigner URLs
 * sent with java.net.http, and the MinIO client.
 */
class S3ClientsIntegrationTests {

  static final String BUCKET = "bucket";
  static final String KEY = "folder/hello world (1)+~!.bin";

  static HttpServer server;
  static URI endpoint;
  static HttpsServer tlsServer;
  static URI tlsEndpoint;
  static TrustManagerFactory trustOurCertificate;
  static final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  static final Map<String, PayloadMode> modes = new ConcurrentHashMap<>();
  static final Map<String, Map<ChecksumAlgorithm, String>> checksums = new ConcurrentHashMap<>();
  static final AtomicReference<Duration> clockOffset = new AtomicReference<>(Duration.ZERO);

  static final Clock serverClock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return Instant.now().plus(clockOffset.get());
        }
      };

  @BeforeAll
  static void startServer() throws IOException {
    SigV4Authenticator authenticator =
        new SigV4Authenticator(TestSigV4.lookup(), Set.of("us-east-1"), serverClock);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> handle(authenticator, exchange));
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());

    tlsServer = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    tlsServer.setHttpsConfigurator(new HttpsConfigurator(selfSignedServerTls()));
    tlsServer.createContext("/", exchange -> handle(authenticator, exchange));
    tlsServer.setExecutor(Executors.newFixedThreadPool(2));
    tlsServer.start();
    tlsEndpoint = URI.create("https://127.0.0.1:" + tlsServer.getAddress().getPort());
  }

  /** A throw-away certificate for 127.0.0.1 made with the JDK's keytool. */
  private static SSLContext selfSignedServerTls() throws IOException {
    try {
      Path keystore = Files.createTempDirectory("sigv4-tls").resolve("server.p12");
      char[] password = "changeit".toCharArray();
      Process keytool =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                  "-genkeypair",
                  "-alias",
                  "s3",
                  "-keyalg",
                  "EC",
                  "-groupname",
                  "secp256r1",
                  "-dname",
                  "CN=127.0.0.1",
                  "-ext",
                  "SAN=ip:127.0.0.1",
                  "-validity",
                  "2",
                  "-keystore",
                  keystore.toString(),
                  "-storetype",
                  "PKCS12",
                  "-storepass",
                  "changeit",
                  "-keypass",
                  "changeit")
              .redirectErrorStream(true)
              .start();
      String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
        throw new IOException("keytool failed: " + output);
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        store.load(in, password);
      }
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      trustOurCertificate =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustOurCertificate.init(store);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(keys.getKeyManagers(), null, null);
      return tls;
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  @AfterAll
  static void stopServer() {
    server.stop(0);
    tlsServer.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    ((java.util.concurrent.ExecutorService) tlsServer.getExecutor()).shutdownNow();
  }

  @AfterEach
  void resetClock() {
    clockOffset.set(Duration.ZERO);
  }

  private static void handle(SigV4Authenticator authenticator, HttpExchange exchange)
      throws IOException {
    try (exchange) {
      ExchangeView view = new ExchangeView(exchange);
      String key = exchange.getRequestURI().getPath();
      try {
        Authentication auth = authenticator.authenticate(view);
        switch (exchange.getRequestMethod()) {
          case "PUT" -> {
            VerifiedBody body = auth.body(exchange.getRequestBody(), view);
            byte[] bytes = body.readAllBytes();
            objects.put(key, bytes);
            modes.put(key, auth.payloadMode());
            checksums.put(key, body.checksums());
            exchange.getResponseHeaders().add("ETag", etag(body.md5()));
            exchange.getResponseHeaders().add("x-test-sha256", TestSigV4.sha256Hex(bytes));
            exchange.sendResponseHeaders(200, -1);
          }
          case "GET", "HEAD" -> {
            byte[] bytes = objects.get(key);
            if (bytes == null) {
              error(exchange, 404, "NoSuchKey", "The specified key does not exist.");
              return;
            }
            exchange.getResponseHeaders().add("ETag", etag(SdkSignerTests.digest("MD5", bytes)));
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.getResponseHeaders().add("Last-Modified", "Fri, 24 May 2013 00:00:00 GMT");
            if (exchange.getRequestMethod().equals("HEAD")) {
              exchange.getResponseHeaders().add("Content-Length", Integer.toString(bytes.length));
              exchange.sendResponseHeaders(200, -1);
            } else {
              exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
              exchange.getResponseBody().write(bytes);
            }
          }
          default -> error(exchange, 405, "MethodNotAllowed", "not in this test server");
        }
      } catch (S3Exception e) {
        exchange.getRequestBody().readAllBytes();
        error(exchange, e.code().status(), e.code().name(), e.getMessage());
      }
    }
  }

  private static String etag(byte[] md5) {
    return "\"" + HexFormat.of().formatHex(md5) + "\"";
  }

  private static void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    byte[] xml =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
                + code
                + "</Code><Message>"
                + message.replace("&", "&amp;").replace("<", "&lt;")
                + "</Message><RequestId>test</RequestId></Error>")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/xml");
    exchange.sendResponseHeaders(status, xml.length);
    exchange.getResponseBody().write(xml);
  }

  /** The JDK server's request as a {@link RequestView}. */
  record ExchangeView(HttpExchange exchange) implements RequestView {
    @Override
    public String method() {
      return exchange.getRequestMethod();
    }

    @Override
    public String rawPath() {
      return exchange.getRequestURI().getRawPath();
    }

    @Override
    public String rawQuery() {
      return exchange.getRequestURI().getRawQuery();
    }

    @Override
    public List<String> headerValues(String lowerCaseName) {
      return exchange.getRequestHeaders().getOrDefault(lowerCaseName, List.of());
    }

    @Override
    public Collection<String> headerNames() {
      return exchange.getRequestHeaders().keySet();
    }
  }

  static S3Client s3(String accessKey, String secret, String region) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
        .httpClient(ApacheHttpClient.builder().build())
        .build();
  }

  static S3Presigner presigner() {
    return S3Presigner.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(TestSigV4.ACCESS_KEY, TestSigV4.SECRET)))
        .build();
  }

  static byte[] data(int size) {
    return SdkSignerTests.randomBytes(size, size * 31L + 1);
  }

  @ParameterizedTest(name = "size {0}")
  @ValueSource(ints = {0, 1, 8192, 5 * 1024 * 1024 + 3})
  void awsSdkS3ClientPutsAndGetsWithDefaultChecksums(int size) {
    byte[] sent = data(size);
    String key = "sdk-" + size + "/" + KEY;
    try (S3Client s3 = s3(TestSigV4.ACCESS_KEY, TestSigV4.SECRET, "us-east-1")) {
      var put = s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(sent));

      String path = "/" + BUCKET + "/" + key;
      assertThat(objects.get(path)).isEqualTo(sent);
      assertThat(put.eTag()).isEqualTo(etag(SdkSignerTests.digest("MD5", sent)));
      // over plain http the SDK signs the chunks (STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER);
      // over https it sends STREAMING-UNSIGNED-PAYLOAD-TRAILER, covered in SdkSignerTests
      assertThat(modes.get(path))
          .isIn(PayloadMode.STREAMING_SIGNED_TRAILER, PayloadMode.STREAMING_UNSIGNED_TRAILER);
      System.out.println("AWS SDK payload mode for " + size + " bytes: " + modes.get(path));
      assertThat(checksums.get(path))
          .containsEntry(
              ChecksumAlgorithm.CRC32,
              SdkSignerTests.independentChecksum(ChecksumAlgorithm.CRC32, sent));

      byte[] got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
      assertThat(got).isEqualTo(sent);
    }
  }

  @ParameterizedTest(name = "size {0}")
  @ValueSource(ints = {0, 1, 8192, 5 * 1024 * 1024 + 3})
  void awsSdkS3ClientOverHttpsSendsUnsignedPayloadTrailers(int size) {
    byte[] sent = data(size);
    String key = "sdk-tls-" + size + "/" + KEY;
    try (S3Client s3 =
        S3Client.builder()
            .endpointOverride(tlsEndpoint)
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(TestSigV4.ACCESS_KEY, TestSigV4.SECRET)))
            .httpClient(
                ApacheHttpClient.builder()
                    .tlsTrustManagersProvider(trustOurCertificate::getTrustManagers)
                    .build())
            .build()) {
      s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(sent));

      String path = "/" + BUCKET + "/" + key;
      assertThat(objects.get(path)).isEqualTo(sent);
      assertThat(modes.get(path)).isEqualTo(PayloadMode.STREAMING_UNSIGNED_TRAILER);
      assertThat(checksums.get(path))
          .containsEntry(
              ChecksumAlgorithm.CRC32,
              SdkSignerTests.independentChecksum(ChecksumAlgorithm.CRC32, sent));
      assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray()).isEqualTo(sent);
    }
  }

  @Test
  void awsSdkWithAWrongSecretOrKeyOrRegionIsRefused() {
    try (S3Client wrongSecret = s3(TestSigV4.ACCESS_KEY, "not-the-secret", "us-east-1");
        S3Client wrongKey = s3("AKIDUNKNOWN", TestSigV4.SECRET, "us-east-1");
        S3Client wrongRegion = s3(TestSigV4.ACCESS_KEY, TestSigV4.SECRET, "eu-west-1")) {
      assertThat(
              sdkErrorCode(
                  () ->
                      wrongSecret.putObject(
                          b -> b.bucket(BUCKET).key("x"), RequestBody.fromString("x"))))
          .isEqualTo("SignatureDoesNotMatch");
      assertThat(
              sdkErrorCode(
                  () ->
                      wrongKey.putObject(
                          b -> b.bucket(BUCKET).key("x"), RequestBody.fromString("x"))))
          .isEqualTo("InvalidAccessKeyId");
      assertThat(sdkErrorCode(() -> wrongRegion.getObjectAsBytes(b -> b.bucket(BUCKET).key("x"))))
          .isEqualTo("AuthorizationHeaderMalformed");
    }
    assertThat(objects).doesNotContainKey("/" + BUCKET + "/x");
  }

  @Test
  void awsSdkWithASkewedClockIsRefused() {
    clockOffset.set(Duration.ofMinutes(20));
    try (S3Client s3 = s3(TestSigV4.ACCESS_KEY, TestSigV4.SECRET, "us-east-1")) {
      // the SDK corrects its clock from a RequestTimeTooSkewed answer and retries, as with S3
      s3.putObject(b -> b.bucket(BUCKET).key("skewed"), RequestBody.fromString("late"));
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestTimeTooSkewed");
    }
    HttpResponse<String> raw =
        send(
            HttpRequest.newBuilder(endpoint.resolve("/" + BUCKET + "/skewed2"))
                .header("x-amz-date", "20130524T000000Z")
                .header("x-amz-content-sha256", TestSigV4.EMPTY_SHA256)
                .header(
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential="
                        + TestSigV4.ACCESS_KEY
                        + "/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature="
                        + "0".repeat(64))
                .GET()
                .build());
    assertThat(raw.statusCode()).isEqualTo(403);
    assertThat(raw.body()).contains("<Code>RequestTimeTooSkewed</Code>");
  }

  @ParameterizedTest(name = "size {0}")
  @ValueSource(ints = {0, 1, 8192, 5 * 1024 * 1024 + 3})
  void presignedPutAndGetWorkWithAPlainHttpClient(int size) {
    byte[] sent = data(size);
    String key = "presigned-" + size + "/" + KEY;
    try (S3Presigner presigner = presigner()) {
      var put =
          presigner.presignPutObject(
              p ->
                  p.signatureDuration(Duration.ofMinutes(10))
                      .putObjectRequest(b -> b.bucket(BUCKET).key(key)));
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(put.url().toString()))
              .PUT(HttpRequest.BodyPublishers.ofByteArray(sent));
      put.signedHeaders()
          .forEach(
              (name, values) -> {
                if (!name.equalsIgnoreCase("host")) {
                  values.forEach(v -> request.header(name, v));
                }
              });
      HttpResponse<String> putResponse = send(request.build());
      assertThat(putResponse.statusCode()).as(putResponse.body()).isEqualTo(200);
      assertThat(objects.get("/" + BUCKET + "/" + key)).isEqualTo(sent);
      assertThat(modes.get("/" + BUCKET + "/" + key)).isEqualTo(PayloadMode.UNSIGNED);

      var get =
          presigner.presignGetObject(
              p ->
                  p.signatureDuration(Duration.ofMinutes(1))
                      .getObjectRequest(b -> b.bucket(BUCKET).key(key)));
      HttpResponse<byte[]> getResponse =
          sendBytes(HttpRequest.newBuilder(URI.create(get.url().toString())).GET().build());
      assertThat(getResponse.statusCode()).isEqualTo(200);
      assertThat(getResponse.body()).isEqualTo(sent);

      clockOffset.set(Duration.ofMinutes(2));
      HttpResponse<String> expired =
          send(HttpRequest.newBuilder(URI.create(get.url().toString())).GET().build());
      assertThat(expired.statusCode()).isEqualTo(403);
      assertThat(expired.body()).contains("<Code>AccessDenied</Code>", "Request has expired");
    }
  }

  @Test
  void aTamperedPresignedUrlIsRefused() {
    try (S3Presigner presigner = presigner()) {
      var get =
          presigner.presignGetObject(
              p ->
                  p.signatureDuration(Duration.ofMinutes(1))
                      .getObjectRequest(b -> b.bucket(BUCKET).key("a-key")));
      String other = get.url().toString().replace("/a-key?", "/b-key?");
      HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(other)).GET().build());
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.body()).contains("<Code>SignatureDoesNotMatch</Code>");
    }
  }

  @ParameterizedTest(name = "size {0}")
  @ValueSource(ints = {0, 1, 8192, 5 * 1024 * 1024 + 3})
  void minioClientPutsAndGets(int size) throws Exception {
    byte[] sent = data(size);
    String key = "minio-" + size + "/" + KEY;
    try (MinioClient minio =
        MinioClient.builder()
            .endpoint(endpoint.toString())
            .region("us-east-1")
            .credentials(TestSigV4.ACCESS_KEY, TestSigV4.SECRET)
            .build()) {
      minio.putObject(
          PutObjectArgs.builder().bucket(BUCKET).object(key).stream(
                  new ByteArrayInputStream(sent), (long) size, 64L * 1024 * 1024)
              .build());

      String path = "/" + BUCKET + "/" + key;
      assertThat(objects.get(path)).isEqualTo(sent);
      assertThat(modes.get(path))
          .isIn(PayloadMode.SIGNED, PayloadMode.STREAMING_SIGNED, PayloadMode.UNSIGNED);
      System.out.println("MinIO payload mode for " + size + " bytes: " + modes.get(path));

      try (InputStream in =
          minio.getObject(GetObjectArgs.builder().bucket(BUCKET).object(key).build())) {
        assertThat(in.readAllBytes()).isEqualTo(sent);
      }
    }
  }

  private static String sdkErrorCode(Runnable call) {
    var e =
        catchThrowableOfType(software.amazon.awssdk.services.s3.model.S3Exception.class, call::run);
    assertThat(e).as("the SDK call must fail").isNotNull();
    return e.awsErrorDetails().errorCode();
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<byte[]> sendBytes(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
