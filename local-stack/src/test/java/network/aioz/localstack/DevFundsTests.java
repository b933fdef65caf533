package network.aioz.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stack's funding of its tenants against a stand-in gateway. */
class DevFundsTests {

  private static final DevTenants.Tenant DEV =
      new DevTenants.Tenant("dev", "t-dev", "0xabc", "k", "api-dev", "AKDEV", "secret-dev");
  private static final DevTenants.Tenant DEV2 =
      new DevTenants.Tenant("dev2", "t-dev2", "0xdef", "k2", "api-dev2", "AKDEV2", "secret-dev2");

  private HttpServer server;
  private String gateway;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> topUps = new CopyOnWriteArrayList<>();
  private final Map<String, String> seenIds = new ConcurrentHashMap<>();
  private final AtomicInteger refusalsLeft = new AtomicInteger();
  private final List<String> probes = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v1/billing/dev/top-ups",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String key = exchange.getRequestHeaders().getFirst("X-API-Key");
          topUps.add(key + " " + body);
          // billing's idempotency: the same transfer id again is 200, not a second credit
          boolean again = seenIds.put(body, key) != null;
          answer(
              exchange,
              again ? 200 : 201,
              "{\"result\":\""
                  + (again ? "EXISTS" : "CREATED")
                  + "\","
                  + "\"account\":{\"available\":\"1000000000000000000000\"}}");
        });
    server.createContext(
        "/",
        exchange -> {
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          probes.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + auth);
          if (refusalsLeft.getAndDecrement() > 0) {
            answer(exchange, 402, "<Error><Code>PaymentRequired</Code></Error>");
          } else {
            answer(exchange, 404, "<Error><Code>NoSuchBucket</Code></Error>");
          }
        });
    server.start();
    gateway = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Test
  void eachTenantIsToppedUpOnceWithAnIdThatSurvivesRestarts() {
    List<String> first = DevFunds.topUp(http, gateway, List.of(DEV, DEV2));
    List<String> second = DevFunds.topUp(http, gateway, List.of(DEV, DEV2));

    assertThat(first)
        .containsExactly(
            "dev +1000 AIOZ (available 1000000000000000000000)",
            "dev2 +1000 AIOZ (available 1000000000000000000000)");
    assertThat(second).allMatch(line -> line.contains("topped up before"));
    assertThat(topUps).hasSize(4);
    assertThat(topUps.getFirst())
        .startsWith("api-dev {")
        .contains("\"amount\":\"1000000000000000000000\"")
        .contains(DevFunds.topUpId("t-dev").toString());
    assertThat(DevFunds.topUpId("t-dev"))
        .isEqualTo(DevFunds.topUpId("t-dev"))
        .isNotEqualTo(DevFunds.topUpId("t-dev2"));
  }

  @Test
  void aRefusedTopUpFailsTheStartWithBillingsAnswer() {
    server.removeContext("/v1/billing/dev/top-ups");
    server.createContext(
        "/v1/billing/dev/top-ups",
        exchange -> answer(exchange, 404, "{\"detail\":\"development top-ups are off\"}"));
    assertThatThrownBy(() -> DevFunds.topUp(http, gateway, List.of(DEV)))
        .hasMessageContaining("404")
        .hasMessageContaining("development top-ups are off");
  }

  @Test
  void waitsWhileStorageAnswers402AndSignsEveryProbeAsTheTenant() {
    refusalsLeft.set(3);
    DevFunds.awaitStorageAccepts(http, gateway, "us-east-1", List.of(DEV), Duration.ofSeconds(20));
    assertThat(probes).hasSize(4);
    assertThat(probes)
        .allSatisfy(
            p ->
                assertThat(p)
                    .matches("PUT /funds-probe-[0-9a-f]{12}/probe AWS4-HMAC-SHA256 .*")
                    .contains("Credential=AKDEV/")
                    .contains("/us-east-1/s3/aws4_request"));
  }

  @Test
  void givesUpWithAClearMessageWhenStorageNeverAccepts() {
    refusalsLeft.set(Integer.MAX_VALUE);
    assertThatThrownBy(
            () ->
                DevFunds.awaitStorageAccepts(
                    http, gateway, "us-east-1", List.of(DEV), Duration.ofMillis(500)))
        .hasMessageContaining("still refuses development tenant dev")
        .hasMessageContaining("FundsRestored");
  }

  @Test
  void anUnexpectedAnswerFailsAtOnce() {
    server.removeContext("/");
    server.createContext(
        "/",
        exchange -> answer(exchange, 403, "<Error><Code>SignatureDoesNotMatch</Code></Error>"));
    assertThatThrownBy(
            () ->
                DevFunds.awaitStorageAccepts(
                    http, gateway, "us-east-1", List.of(DEV), Duration.ofSeconds(20)))
        .hasMessageContaining("403")
        .hasMessageContaining("SignatureDoesNotMatch");
  }
}
