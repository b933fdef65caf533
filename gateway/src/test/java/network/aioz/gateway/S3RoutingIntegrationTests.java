package network.aioz.gateway;

import static network.aioz.gateway.ProblemAssertions.assertGatewayProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import network.aioz.gateway.FakeStorage.Received;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway in front of stand-ins for storage-service and proof-service: which requests are S3,
 * and that they arrive exactly as the client signed them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = GatewayTestInfra.class)
class S3RoutingIntegrationTests {

  private static final String SIGNED =
      "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/s3/aws4_request,"
          + " SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=abc\r\n"
          + "x-amz-content-sha256: UNSIGNED-PAYLOAD\r\nx-amz-date: 20260101T000000Z";
  private static final int MAX_REQUEST_BYTES = 1024;
  private static final FakeStorage storage = start(FakeStorage::new);
  private static final FakeLedger proof = start(FakeLedger::new);

  @LocalServerPort int port;

  @DynamicPropertySource
  static void routeToStandIns(DynamicPropertyRegistry registry) {
    registry.add("STORAGE_URI", storage::uri);
    registry.add("PROOF_URI", proof::uri);
    registry.add("LEDGER_URI", () -> "http://127.0.0.1:9");
    registry.add("GATEWAY_MAX_REQUEST_SIZE", () -> MAX_REQUEST_BYTES + "B");
    registry.add("GATEWAY_RESPONSE_TIMEOUT", () -> "500ms");
  }

  @AfterAll
  static void stop() {
    storage.close();
    proof.close();
  }

  @BeforeEach
  void forget() {
    storage.forgetReceived();
    proof.forgetReceived();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/photos/a%20b%2Bc%2Fd%E2%82%AC%C3%A9.jpg",
        "/photos/plus+sign/and=equals!*'()~$,;:@",
        "/photos/%2F%2Fdouble//slash/",
        "/photos/%F0%9F%98%80?uploadId=u%2B1%2F2&partNumber=3",
        "/photos?list-type=2&prefix=a%20b%2B%2F&delimiter=%2F&encoding-type=url",
        "/v1/edges/signed-requests-are-s3-even-on-platform-paths",
        "/"
      })
  void forwardsSignedRequestsWithTheRawTargetAndHostTheClientSigned(String target)
      throws Exception {
    RawHttp.Response response =
        RawHttp.send(
            port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + SIGNED);

    assertThat(response.status()).isEqualTo(200);
    Received received = storage.nextReceived();
    assertThat(received.rawTarget()).isEqualTo(target);
    assertThat(received.headers().getFirst("Host")).isEqualTo("127.0.0.1:" + port);
    assertThat(received.headers().getFirst("Authorization")).startsWith("AWS4-HMAC-SHA256 ");
    assertThat(received.headers().getFirst("x-amz-date")).isEqualTo("20260101T000000Z");
  }

  @Test
  void forwardsPresignedUrls() throws Exception {
    String target =
        "/photos/cat%20photo.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20260101"
            + "%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=300"
            + "&X-Amz-SignedHeaders=host&X-Amz-Signature=abc";

    RawHttp.Response response =
        RawHttp.send(port, "GET " + target + " HTTP/1.1\r\nHost: localhost:" + port);

    assertThat(response.status()).isEqualTo(200);
    assertThat(storage.nextReceived().rawTarget()).isEqualTo(target);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "photos.s3.localhost",
        "s3.localhost",
        "my.bucket.s3.example.com",
        "S3.Example.COM"
      })
  void forwardsUnsignedRequestsForS3HostsKeepingTheHost(String host) throws Exception {
    String hostHeader = host + ":" + port;

    RawHttp.Response response =
        RawHttp.send(port, "GET /public/read.txt HTTP/1.1\r\nHost: " + hostHeader);

    assertThat(response.status()).isEqualTo(200);
    Received received = storage.nextReceived();
    assertThat(received.headers().getFirst("Host")).isEqualTo(hostHeader);
    assertThat(received.rawTarget()).isEqualTo("/public/read.txt");
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "s3bucket.localhost", "example.com", "mys3.example.com"})
  void leavesUnsignedRequestsOnOtherHostsToThePlatformRoutes(String host) throws Exception {
    RawHttp.Response response =
        RawHttp.send(port, "GET /photos/cat.jpg HTTP/1.1\r\nHost: " + host + ":" + port);

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.headers().get("content-type")).isEqualTo("application/problem+json");
    assertThat(storage.nextReceived()).isNull();
  }

  @Test
  void letsStorageAnswerCorsPreflightsOnS3Hosts() throws Exception {
    RawHttp.Response response =
        RawHttp.send(
            port,
            "OPTIONS /photos/cat.jpg HTTP/1.1\r\nHost: photos.s3.localhost:"
                + port
                + "\r\nOrigin: https://app.example\r\nAccess-Control-Request-Method: PUT");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers().get("access-control-allow-origin"))
        .isEqualTo("https://app.example");
    assertThat(response.headers().get("access-control-allow-methods")).isEqualTo("PUT");
    Received received = storage.nextReceived();
    assertThat(received.method()).isEqualTo("OPTIONS");
    assertThat(received.headers().getFirst("Access-Control-Request-Method")).isEqualTo("PUT");
  }

  @Test
  void passesS3ErrorsThroughUntouched() throws Exception {
    RawHttp.Response response =
        RawHttp.send(
            port,
            "GET " + FakeStorage.NO_SUCH_BUCKET_PATH + " HTTP/1.1\r\nHost: s3.localhost:" + port);

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.headers().get("content-type")).isEqualTo("application/xml");
    assertThat(response.body()).isEqualTo(FakeStorage.NO_SUCH_BUCKET);
  }

  @Test
  void streamsObjectsFarOverTheGatewayBodyLimitInBothFramings() throws Exception {
    byte[] object = new byte[8 * 1024 * 1024 + 7];
    new Random(42).nextBytes(object);
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(object));
    GatewayClient client = new GatewayClient(port);
    String[] headers = {
      "Authorization",
      "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/s3/aws4_request, SignedHeaders=host,"
          + " Signature=abc"
    };

    HttpResponse<String> declared =
        client.send(
            "PUT", "/photos/big.bin", HttpRequest.BodyPublishers.ofByteArray(object), headers);
    Received first = storage.nextReceived();
    HttpResponse<String> chunked =
        client.send("PUT", "/photos/big.bin", GatewayClient.chunked(object), headers);
    Received second = storage.nextReceived();

    assertThat(declared.statusCode()).isEqualTo(200);
    assertThat(chunked.statusCode()).isEqualTo(200);
    assertThat(first.bodyBytes()).isEqualTo(object.length);
    assertThat(first.sha256()).isEqualTo(sha256);
    assertThat(first.headers().getFirst("Content-Length")).isEqualTo(String.valueOf(object.length));
    assertThat(second.sha256()).isEqualTo(sha256);
  }

  @Test
  void waitsForSlowS3AnswersWithoutTheDefaultResponseTimeout() throws Exception {
    RawHttp.Response response =
        RawHttp.send(
            port,
            "PUT "
                + FakeStorage.SLOW_PATH
                + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + port
                + "\r\n"
                + SIGNED,
            new byte[100]);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("<Done/>");
  }

  @Test
  void acceptsHeadersUpTo64KiB() throws Exception {
    String metadata = "m".repeat(60 * 1024);

    RawHttp.Response response =
        RawHttp.send(
            port,
            "PUT /photos/meta HTTP/1.1\r\nHost: s3.localhost\r\nx-amz-meta-big: " + metadata,
            new byte[1]);

    assertThat(response.status()).isEqualTo(200);
    assertThat(storage.nextReceived().headers().getFirst("x-amz-meta-big")).isEqualTo(metadata);
  }

  @Test
  void routesProofsToProofService() throws Exception {
    HttpResponse<String> response =
        new GatewayClient(port)
            .send(
                "POST",
                "/v1/proofs/pieces/6f1c/challenge?includeData=true",
                HttpRequest.BodyPublishers.noBody(),
                "X-Amz-Date",
                "20260101T000000Z");

    assertThat(response.statusCode()).isEqualTo(201);
    FakeLedger.Received received = proof.nextReceived();
    assertThat(received.uri().toString())
        .isEqualTo("/v1/proofs/pieces/6f1c/challenge?includeData=true");
    assertThat(storage.nextReceived()).isNull();
  }

  @Test
  void stillAnswersUnreachablePlatformRoutesWithAProblem() throws Exception {
    HttpResponse<String> response = new GatewayClient(port).get("/v1/edges/e1");

    assertGatewayProblem(
        response,
        502,
        "https://aioz.network/problems/gateway/upstream-unavailable",
        "/v1/edges/e1");
  }

  private interface Starter<T> {
    T start() throws Exception;
  }

  private static <T> T start(Starter<T> starter) {
    try {
      return starter.start();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
