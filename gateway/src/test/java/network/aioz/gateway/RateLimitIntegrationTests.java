package network.aioz.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two gateway replicas on one database draw from the same buckets: a burst spread over both is held
 * to one bucket's worth, not one per replica.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = GatewayTestInfra.class)
class RateLimitIntegrationTests {

  private static final int CAPACITY = 10;
  private static final double REFILL_PER_SECOND = 1;
  private static final FakeLedger ledger = startLedger();
  private static final Map<String, Object> LIMITS =
      Map.of(
          "GATEWAY_RATE_ANONYMOUS_CAPACITY", CAPACITY,
          "GATEWAY_RATE_ANONYMOUS_PER_SECOND", REFILL_PER_SECOND);
  private static ConfigurableApplicationContext second;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void wire(DynamicPropertyRegistry registry) {
    registry.add("LEDGER_URI", ledger::uri);
    LIMITS.forEach((name, value) -> registry.add(name, () -> value));
  }

  @AfterAll
  static void stop() {
    if (second != null) {
      second.close();
    }
    ledger.close();
  }

  @Test
  void aBurstAcrossTwoReplicasIsHeldToOneBucket() throws Exception {
    int secondPort = startSecondReplica();
    List<GatewayClient> replicas = List.of(new GatewayClient(port), new GatewayClient(secondPort));
    int requests = 60;
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    long started = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(24)) {
      for (int i = 0; i < requests; i++) {
        GatewayClient replica = replicas.get(i % 2);
        answers.add(pool.submit(() -> replica.get("/v1/epochs/latest")));
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;

    int admitted = 0;
    int[] perReplica = new int[2];
    for (int i = 0; i < answers.size(); i++) {
      HttpResponse<String> answer = answers.get(i).get();
      assertThat(answer.statusCode()).isIn(201, 429);
      assertThat(answer.headers().firstValue("RateLimit-Policy"))
          .hasValue("\"anonymous\";q=" + CAPACITY + ";w=" + (int) (CAPACITY / REFILL_PER_SECOND));
      if (answer.statusCode() == 201) {
        admitted++;
        perReplica[i % 2]++;
      } else {
        assertThat(Integer.parseInt(answer.headers().firstValue("Retry-After").orElseThrow()))
            .isBetween(1, 2);
        assertThat(answer.headers().firstValue("Content-Type"))
            .hasValue("application/problem+json");
        assertThat(answer.body()).contains("rate-limited");
      }
    }
    // one bucket: at most its capacity plus what refilled during the burst
    long bound = CAPACITY + (long) Math.ceil(seconds * REFILL_PER_SECOND);
    assertThat(admitted).as("admitted in %.2f s", seconds).isBetween(1, (int) bound);
    assertThat(admitted).isLessThan(2 * CAPACITY);
  }

  private static int startSecondReplica() {
    Map<String, Object> properties = new java.util.HashMap<>(LIMITS);
    // the placeholder, not server.port: application.yml outranks these default properties
    properties.put("SERVER_PORT", 0);
    properties.put("LEDGER_URI", ledger.uri());
    second =
        new SpringApplicationBuilder(GatewayApplication.class)
            .initializers(new GatewayTestInfra())
            .properties(properties)
            .run();
    return ((WebServerApplicationContext) second).getWebServer().getPort();
  }

  private static FakeLedger startLedger() {
    try {
      return new FakeLedger();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
