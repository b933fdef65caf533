package network.aioz.billing.funding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSignatureTests {

  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private static final byte[] BODY =
      "{\"type\":\"order.completed\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);

  private final WebhookSignature verifier = new WebhookSignature(SECRET, Duration.ofMinutes(5));

  static String sign(String secret, String id, long timestamp, byte[] body) {
    byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    return "v1," + Base64.getEncoder().encodeToString(WebhookSignature.hmac(key, prefix, body));
  }

  @Test
  void acceptsAGoodSignatureAmongOthers() {
    long ts = NOW.getEpochSecond();
    String good = sign(SECRET, "msg_1", ts, BODY);
    assertThat(verifier.refusal("msg_1", "" + ts, good, BODY, NOW)).isNull();
    assertThat(verifier.refusal("msg_1", "" + ts, "v1,AAAA v2,xyz " + good, BODY, NOW)).isNull();
  }

  @Test
  void matchesTheStandardWebhooksReferenceVector() {
    // the example of the Standard Webhooks specification
    String id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    long ts = 1614265330;
    byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    assertThat(sign(SECRET, id, ts, body))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void refusesWrongSecretStaleTamperedAndMissing() {
    long ts = NOW.getEpochSecond();
    String other = "whsec_" + Base64.getEncoder().encodeToString(new byte[24]);
    assertThat(verifier.refusal("msg_1", "" + ts, sign(other, "msg_1", ts, BODY), BODY, NOW))
        .isNotNull();
    long stale = ts - 301;
    assertThat(verifier.refusal("msg_1", "" + stale, sign(SECRET, "msg_1", stale, BODY), BODY, NOW))
        .contains("tolerance");
    byte[] tampered =
        "{\"type\":\"order.completed\",\"data\":{ }}".getBytes(StandardCharsets.UTF_8);
    assertThat(verifier.refusal("msg_1", "" + ts, sign(SECRET, "msg_1", ts, BODY), tampered, NOW))
        .isNotNull();
    assertThat(verifier.refusal("msg_2", "" + ts, sign(SECRET, "msg_1", ts, BODY), BODY, NOW))
        .isNotNull();
    assertThat(verifier.refusal(null, "" + ts, sign(SECRET, "msg_1", ts, BODY), BODY, NOW))
        .isNotNull();
    assertThat(verifier.refusal("msg_1", "soon", "v1,!!!", BODY, NOW)).isNotNull();
    assertThat(verifier.refusal("msg_1", "" + ts, "v1,!!!", BODY, NOW)).isNotNull();
  }
}
