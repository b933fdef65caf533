package network.aioz.gateway;

import static network.aioz.gateway.ProblemAssertions.assertGatewayProblem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UpstreamDownIntegrationTests {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void routeToAClosedPort(DynamicPropertyRegistry registry) {
    registry.add("LEDGER_URI", () -> "http://127.0.0.1:" + closedPort());
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
