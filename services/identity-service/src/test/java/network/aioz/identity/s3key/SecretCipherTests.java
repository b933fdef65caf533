package network.aioz.identity.s3key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import network.aioz.identity.support.IdentityProperties;
import org.junit.jupiter.api.Test;

class SecretCipherTests {

  private static IdentityProperties settings(byte fill) {
    byte[] key = new byte[32];
    java.util.Arrays.fill(key, fill);
    return new IdentityProperties(
        new IdentityProperties.Jwt("pem", Duration.ofMinutes(15), "i", "a"),
        new IdentityProperties.Refresh(Duration.ofDays(30)),
        null,
        new IdentityProperties.S3(Base64.getEncoder().encodeToString(key)),
        new IdentityProperties.ApiKeys(Duration.ofSeconds(10), Duration.ofMinutes(1)));
  }

  private final SecretCipher cipher = new SecretCipher(settings((byte) 7));

  @Test
  void sealsWithAFreshIvAndOpensOnlyUnderTheSameKeyId() {
    String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    SecretCipher.Sealed one = cipher.seal("AKAZAAAAAAAAAAAAAAAA", secret);
    SecretCipher.Sealed two = cipher.seal("AKAZAAAAAAAAAAAAAAAA", secret);

    assertThat(one.iv()).hasSize(12).isNotEqualTo(two.iv());
    assertThat(one.ciphertext()).isNotEqualTo(two.ciphertext());
    assertThat(new String(one.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain(secret);
    assertThat(one.ciphertext()).hasSize(secret.length() + 16);
    assertThat(cipher.open("AKAZAAAAAAAAAAAAAAAA", one)).isEqualTo(secret);
    assertThatThrownBy(() -> cipher.open("AKAZBBBBBBBBBBBBBBBB", one))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new SecretCipher(settings((byte) 8)).open("AKAZAAAAAAAAAAAAAAAA", one))
        .isInstanceOf(IllegalStateException.class);
  }
}
