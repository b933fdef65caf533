package network.aioz.storage.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import network.aioz.infra.MutableClock;
import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client side of identity-service's key lookup: what is asked, what is cached for how long, and
 * how its failures reach S3 clients. (Against the real identity-service: the local-stack e2e
 * tests.)
 */
class IdentityCredentialsTests {

  private HttpServer server;
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicInteger calls = new AtomicInteger();
  private final ConcurrentLinkedQueue<String> tokens = new ConcurrentLinkedQueue<>();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
  private IdentityCredentials credentials;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/internal/v1/s3-keys/",
        exchange -> {
          calls.incrementAndGet();
          tokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Platform-Identity")));
          String id =
              exchange.getRequestURI().getPath().substring("/internal/v1/s3-keys/".length());
          byte[] body =
              ("{\"accessKeyId\":\""
                      + id
                      + "\",\"secretAccessKey\":\"s3cr3t\",\"tenantId\":\"t-1\"}")
                  .getBytes(StandardCharsets.UTF_8);
          int code = status.get();
          exchange.sendResponseHeaders(code, code == 200 ? body.length : -1);
          if (code == 200) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
    credentials =
        new IdentityCredentials(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
            () -> "service-token",
            Duration.ofSeconds(5),
            JsonMapper.builder().build(),
            clock);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void resolvesAKeyWithTheServiceTokenAndReusesItForTheTtl() {
    assertThat(credentials.find("AKAZ0000000000000001"))
        .contains(new Credential("AKAZ0000000000000001", "s3cr3t", "t-1"));
    assertThat(tokens).containsExactly("service-token");

    clock.advance(Duration.ofSeconds(4));
    assertThat(credentials.find("AKAZ0000000000000001")).isPresent();
    assertThat(calls).hasValue(1);

    status.set(404); // revoked
    clock.advance(Duration.ofSeconds(2));
    assertThat(credentials.find("AKAZ0000000000000001")).isEmpty();
    assertThat(calls).hasValue(2);
  }

  @Test
  void remembersAnUnknownKeyOnlyBriefly() {
    status.set(404);
    assertThat(credentials.find("AKAZUNKNOWN")).isEmpty();
    assertThat(credentials.find("AKAZUNKNOWN")).isEmpty();
    assertThat(calls).hasValue(1);

    status.set(200); // created since
    clock.advance(Duration.ofMillis(1100));
    assertThat(credentials.find("AKAZUNKNOWN")).isPresent();
  }

  @Test
  void anIdentityOutageIsARetryableServiceUnavailableNotAccessDenied() {
    status.set(500);
    assertThatThrownBy(() -> credentials.find("AKAZ0000000000000002"))
        .isInstanceOfSatisfying(
            S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.ServiceUnavailable));

    server.stop(0);
    assertThatThrownBy(() -> credentials.find("AKAZ0000000000000003"))
        .isInstanceOfSatisfying(
            S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.ServiceUnavailable));
  }
}
