package network.aioz.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import network.aioz.webhook.Receiver;
import network.aioz.webhook.ssrf.AddressPolicy;
import network.aioz.webhook.ssrf.HostResolver;
import network.aioz.webhook.ssrf.SafeDnsResolver;
import network.aioz.webhook.support.WebhookProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real delivery client against a local receiver: SSRF at connect time, limits, headers. */
class SenderTests {

  private final Receiver receiver = new Receiver();
  private final byte[] body = "{\"type\":\"webhook.test\"}".getBytes(StandardCharsets.UTF_8);

  @AfterEach
  void stop() {
    receiver.close();
  }

  private static Sender sender(boolean allowLoopback, Duration timeout) {
    WebhookProperties.Delivery settings =
        new WebhookProperties.Delivery(
            timeout,
            true,
            allowLoopback,
            List.of(Duration.ofSeconds(5)),
            0.1,
            0.2,
            Duration.ofHours(24),
            Duration.ofMillis(200),
            16,
            16,
            16,
            16,
            "aioz-webhooks/test");
    return new Sender(
        DeliveryClient.build(
            new SafeDnsResolver(HostResolver.SYSTEM, new AddressPolicy(allowLoopback)), settings),
        timeout,
        Clock.systemUTC());
  }

  private Sender.Attempt attempt(String url) {
    return new Sender.Attempt(URI.create(url), "msg_1", 1_700_000_000L, "v1,abc", body);
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "127.0.0.1", "[::1]", "127.0.0.2"})
  void refusesLoopbackAtConnectTimeWithoutAllowLoopback(String host) throws Exception {
    try (Sender sender = sender(false, Duration.ofSeconds(2))) {
      Outcome outcome = sender.send(attempt("http://" + host + ":" + receiver.port() + "/hook"));
      assertThat(outcome.error()).isEqualTo("unsafe-address");
      assertThat(outcome.statusCode()).isNull();
    }
    assertThat(receiver.requests("/hook")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1", "169.254.169.254", "[fd00:ec2::254]", "0.0.0.0"})
  void refusesInternalAddressesEvenWithAllowLoopback(String host) throws Exception {
    try (Sender sender = sender(true, Duration.ofSeconds(2))) {
      assertThat(sender.send(attempt("http://" + host + "/hook")).error())
          .isEqualTo("unsafe-address");
    }
  }

  @Test
  void sendsTheSignedMessageWithItsHeaders() throws Exception {
    try (Sender sender = sender(true, Duration.ofSeconds(2))) {
      Outcome outcome = sender.send(attempt(receiver.url("/hook")));
      assertThat(outcome.statusCode()).isEqualTo(200);
      assertThat(outcome.succeeded()).isTrue();
      assertThat(outcome.responseBody()).isEqualTo("ok");
    }
    Receiver.Request request = receiver.requests("/hook").getFirst();
    assertThat(request.header("webhook-id")).isEqualTo("msg_1");
    assertThat(request.header("webhook-timestamp")).isEqualTo("1700000000");
    assertThat(request.header("webhook-signature")).isEqualTo("v1,abc");
    assertThat(request.header("content-type")).startsWith("application/json");
    assertThat(request.header("user-agent")).isEqualTo("aioz-webhooks/test");
    assertThat(request.body()).isEqualTo(body);
  }

  @Test
  void keepsTheFirstKibOfTheResponseAndTheRetryAfter() throws Exception {
    receiver.script(
        "/big",
        Receiver.Answer.status(429).withHeader("Retry-After", "120").withBody("é".repeat(3000)));
    try (Sender sender = sender(true, Duration.ofSeconds(2))) {
      Outcome outcome = sender.send(attempt(receiver.url("/big")));
      assertThat(outcome.statusCode()).isEqualTo(429);
      assertThat(outcome.responseBody().getBytes(StandardCharsets.UTF_8).length)
          .isLessThanOrEqualTo(Sender.LOGGED_BODY_BYTES);
      assertThat(outcome.retryAfter()).isEqualTo(Duration.ofSeconds(120));
    }
  }

  @Test
  void doesNotFollowRedirects() throws Exception {
    receiver.script(
        "/moved", Receiver.Answer.status(307).withHeader("Location", receiver.url("/elsewhere")));
    try (Sender sender = sender(true, Duration.ofSeconds(2))) {
      Outcome outcome = sender.send(attempt(receiver.url("/moved")));
      assertThat(outcome.statusCode()).isEqualTo(307);
      assertThat(outcome.succeeded()).isFalse();
    }
    assertThat(receiver.requests("/elsewhere")).isEmpty();
  }

  @Test
  void givesUpAtTheDeadline() throws Exception {
    receiver.script("/slow", Receiver.Answer.status(200).after(Duration.ofSeconds(2)));
    try (Sender sender = sender(true, Duration.ofMillis(300))) {
      Outcome outcome = sender.send(attempt(receiver.url("/slow")));
      assertThat(outcome.error()).isEqualTo("timeout");
      assertThat(outcome.durationMillis()).isLessThan(1500);
    }
  }

  @Test
  void reportsARefusedConnection() throws Exception {
    int port = receiver.port();
    receiver.close();
    try (Sender sender = sender(true, Duration.ofSeconds(2))) {
      Outcome outcome = sender.send(attempt("http://127.0.0.1:" + port + "/gone"));
      assertThat(outcome.error()).startsWith("connection-failed");
      assertThat(outcome.statusCode()).isNull();
    }
  }

  @Test
  void reusesConnections() throws Exception {
    try (Sender sender = sender(true, Duration.ofSeconds(2))) {
      for (int i = 0; i < 20; i++) {
        assertThat(sender.send(attempt(receiver.url("/hook"))).statusCode()).isEqualTo(200);
      }
    }
    assertThat(receiver.requests("/hook")).hasSize(20);
    assertThat(receiver.connections()).isLessThan(20);
  }
}
