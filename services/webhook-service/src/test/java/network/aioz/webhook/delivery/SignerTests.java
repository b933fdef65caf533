package network.aioz.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignerTests {

  /** The example of the Standard Webhooks reference libraries' tests. */
  @Test
  void matchesTheSpecExample() {
    String signature =
        Signer.sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330L,
            "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
    assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void joinsSeveralSignaturesWithSpaces() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    String a = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]);
    String b = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    String header = Signer.header(List.of(a, b), "msg_1", 1L, body);
    assertThat(header.split(" "))
        .containsExactly(Signer.sign(a, "msg_1", 1L, body), Signer.sign(b, "msg_1", 1L, body));
    assertThat(Signer.sign(a, "msg_1", 2L, body)).isNotEqualTo(Signer.sign(a, "msg_1", 1L, body));
  }
}
