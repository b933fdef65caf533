package network.aioz.benchmarks.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenLoopRunTests {

  private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile int stallAt = -1;
  private volatile int failEvery = 0;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/v1/tenants/me",
        exchange -> {
          int n = requests.incrementAndGet();
          if (n == stallAt) {
            sleep(300);
          }
          boolean fail = failEvery > 0 && n % failEvery == 0;
          byte[] body = "{\"tenantId\":\"t\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(fail ? 429 : 200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void aStallDelaysEveryRequestScheduledDuringIt() throws InterruptedException {
    // one connection: while the 100th measured request stalls for 300 ms, the ~60 requests due
    // meanwhile queue behind it; a closed-loop driver would record one slow request and a p99 of a
    // millisecond. The warm-up (100 requests) keeps the cold start out of the figures. Only lower
    // bounds are asserted: a busy machine can make latencies longer, never shorter.
    stallAt = 200;

    OpenLoopRun.Result result;
    try (LoadClient client = LoadClient.create("socket", target(), 1)) {
      result = new OpenLoopRun(200, 0.5, 1, 0, SILENT).run("test", client);
    }
    LatencySummary summary = result.summary();

    assertThat(summary.ok()).isEqualTo(200);
    assertThat(summary.errors()).isZero();
    assertThat(summary.maxNanos()).isGreaterThanOrEqualTo(300_000_000L);
    assertThat(summary.p90Nanos()).isGreaterThan(100_000_000L);
    long delayed = Arrays.stream(result.latencies()).filter(l -> l > 50_000_000L).count();
    assertThat(delayed).isGreaterThan(40);
    assertThat(result.maxInFlight()).isGreaterThanOrEqualTo(40);
  }

  @Test
  void aRunIsSaturatedWhenMoreThanHalfASecondOfRequestsQueued() {
    long[] none = new long[0];

    assertThat(new OpenLoopRun.Result(none, 1, Map.of(), 500).saturated(1000)).isFalse();
    assertThat(new OpenLoopRun.Result(none, 1, Map.of(), 501).saturated(1000)).isTrue();
  }

  @Test
  void warmUpRequestsAreSentButNotMeasured() throws InterruptedException {
    OpenLoopRun.Result result;
    try (LoadClient client = LoadClient.create("socket", target(), 2)) {
      result = new OpenLoopRun(400, 0.25, 0.5, 0, SILENT).run("test", client);
    }

    assertThat(requests.get()).isEqualTo(300);
    assertThat(result.latencies()).hasSize(200);
    // 200 measured requests due over 0.4975 s cannot all be answered faster than that
    assertThat(result.summary().achievedPerSecond()).isPositive().isLessThanOrEqualTo(402.1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"socket", "jdk"})
  void answersOtherThan200AreErrors(String client) throws InterruptedException {
    failEvery = 10;

    OpenLoopRun.Result result;
    try (LoadClient load = LoadClient.create(client, target(), 4)) {
      result = new OpenLoopRun(500, 0, 0.4, 0, SILENT).run("test", load);
    }
    LatencySummary summary = result.summary();

    assertThat(summary.ok() + summary.errors()).isEqualTo(200);
    assertThat(summary.errors()).isEqualTo(20);
    assertThat(result.failures()).containsExactly(Map.entry("HTTP 429", 20L));
  }

  @Test
  void aRefusedConnectionFailsTheRequestsInsteadOfHanging() throws InterruptedException {
    int port = server.getAddress().getPort();
    server.stop(0);
    Target closed =
        new Target(
            "test",
            URI.create("http://127.0.0.1:" + port + "/v1/tenants/me"),
            "X-API-Key",
            () -> "k");

    OpenLoopRun.Result result;
    try (LoadClient client = LoadClient.create("socket", closed, 2)) {
      result = new OpenLoopRun(100, 0, 0.2, 0, SILENT).run("test", client);
    }

    assertThat(result.summary().ok()).isZero();
    assertThat(result.summary().errors()).isEqualTo(20);
    assertThat(result.failures()).containsExactly(Map.entry("no answer", 20L));
  }

  private Target target() {
    return new Target(
        "test",
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/tenants/me"),
        "X-API-Key",
        () -> "k");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
