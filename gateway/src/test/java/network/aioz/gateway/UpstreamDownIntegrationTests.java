package network.aioz.gateway;

import static network.aioz.gateway.ProblemAssertions.assertGatewayProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = GatewayTestInfra.class)
class UpstreamDownIntegrationTests {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void routeToAClosedPort(DynamicPropertyRegistry registry) {
    registry.add("LEDGER_URI", () -> "http://127.0.0.1:" + closedPort());
    registry.add("STORAGE_URI", () -> "http://127.0.0.1:" + closedPort());
  }

  @Test
  void answersS3TrafficWithAnS3XmlErrorWhenStorageIsDown() throws Exception {
    HttpResponse<String> response =
        new GatewayClient(port)
            .get(
                "/photos/cat.jpg",
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIA/20261122/us-east-1/s3/aws4_request,"
                    + " SignedHeaders=host, Signature=00");

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/xml"));
    assertThat(response.body())
        .startsWith("<?xml")
        .contains("<Code>ServiceUnavailable</Code>")
        .contains("<Resource>/photos/cat.jpg</Resource>")
        .contains("<RequestId>")
        .doesNotContain("127.0.0.1")
        .doesNotContain("Exception");
  }

  @Test
  void answersAPresignedS3HeadWithTheStatusAlone() throws Exception {
    HttpResponse<String> response =
        new GatewayClient(port)
            .send(
                "HEAD",
                "/photos/cat.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a",
                java.net.http.HttpRequest.BodyPublishers.noBody());

    // a HEAD response never has a body; what tells S3 clients apart is the status and the headers
    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/xml"));
    assertThat(response.headers().firstValue("x-amz-request-id")).isPresent();
  }

  @Test
  void answersAnUnreachableUpstreamWithABadGatewayProblem() throws Exception {
    HttpResponse<String> response = new GatewayClient(port).get("/v1/edges/e1");

    assertGatewayProblem(
        response,
        502,
        "https://aioz.network/problems/gateway/upstream-unavailable",
        "/v1/edges/e1");
  }

  private static int closedPort() {
    // Bound and released at once: nothing listens there while the test runs.
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
