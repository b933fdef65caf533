package network.aioz.benchmarks.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local server that answers at once with a body the size of the real one, so each client's own
 * latency floor (scheduling, parsing, thread hand-offs) can be measured at the same rate.
 */
final class ClientFloor implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  ClientFloor() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    byte[] body =
        ("{\"tenantId\":\"" + "0".repeat(36) + "\",\"name\":\"" + "x".repeat(54) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  Target target() {
    return new Target(
        "floor",
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/tenants/me"),
        "X-API-Key",
        () -> "unused");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
