package network.aioz.webhook.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretSealTests {

  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
  private final SecretSeal seal = new SecretSeal(KEY);

  @Test
  void sealsSoTheStoredValueIsNotTheSecretAndOpensOnlyForItsEndpoint() {
    UUID endpoint = UUID.randomUUID();
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    String stored = seal.seal(endpoint, secret);

    assertThat(stored)
        .startsWith(SecretSeal.PREFIX)
        .doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    assertThat(seal.seal(endpoint, secret)).as("a fresh IV each time").isNotEqualTo(stored);
    assertThat(seal.open(endpoint, stored)).isEqualTo(secret);
    assertThatThrownBy(() -> seal.open(UUID.randomUUID(), stored))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void valuesStoredBeforeAKeyWasSetStillOpenAndNoKeyStoresAsIs() {
    UUID endpoint = UUID.randomUUID();
    assertThat(seal.open(endpoint, "whsec_old")).isEqualTo("whsec_old");
    assertThat(seal.open(endpoint, null)).isNull();
    SecretSeal unkeyed = new SecretSeal("");
    assertThat(unkeyed.seal(endpoint, "whsec_x")).isEqualTo("whsec_x");
    assertThatThrownBy(() -> unkeyed.open(endpoint, seal.seal(endpoint, "whsec_x")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesAKeyOfTheWrongSize() {
    assertThatThrownBy(() -> new SecretSeal(Base64.getEncoder().encodeToString(new byte[16])))
        .isInstanceOf(IllegalStateException.class);
  }
}
