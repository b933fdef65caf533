package network.aioz.gateway;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A real HTTP server standing in for ledger-service: it records what the gateway forwarded and
 * answers by path, so tests can see both sides of the proxy.
 */
final class FakeLedger extends FakeUpstream<FakeLedger.Received> {

  static final String SLOW_SUFFIX = "/slow";
  static final String MISSING_EPOCH = "/v1/epochs/missing";
  static final String EPOCH_PROBLEM =
      "{\"type\":\"https://aioz.network/problems/ledger/epoch-not-found\","
          + "\"title\":\"Epoch not found\",\"status\":404,\"detail\":\"no epoch 'missing'\"}";
  static final Duration SLOW_DELAY = Duration.ofSeconds(3);

  record Received(String method, URI uri, Headers headers, byte[] body) {}

  FakeLedger() throws IOException {
    super(Duration.ofSeconds(1));
  }

  @Override
  void handle(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readAllBytes();
      record(
          new Received(
              exchange.getRequestMethod(),
              exchange.getRequestURI(),
              new Headers(exchange.getRequestHeaders()),
              body));
      String path = exchange.getRequestURI().getPath();
      if (path.endsWith(SLOW_SUFFIX)) {
        Thread.sleep(SLOW_DELAY);
        respond(exchange, 200, "text/plain", "late".getBytes(StandardCharsets.UTF_8));
      } else if (path.equals(MISSING_EPOCH)) {
        respond(
            exchange,
            404,
            "application/problem+json",
            EPOCH_PROBLEM.getBytes(StandardCharsets.UTF_8));
      } else {
        exchange.getResponseHeaders().add("X-Ledger-Echo", exchange.getRequestMethod());
        exchange.getResponseHeaders().add("Location", path + "/42");
        String echo = exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n";
        byte[] prefix = echo.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        respond(exchange, 201, "text/plain;charset=utf-8", out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
