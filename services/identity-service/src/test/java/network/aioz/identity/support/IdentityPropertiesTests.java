package network.aioz.identity.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class IdentityPropertiesTests {

  @Test
  void refusesToStartWithoutItsSecrets() {
    assertThatThrownBy(() -> new IdentityProperties.Jwt("", Duration.ofMinutes(1), "i", "a"))
        .hasMessageContaining("IDENTITY_JWT_PRIVATE_KEY");
    assertThatThrownBy(() -> new IdentityProperties.S3(null))
        .hasMessageContaining("IDENTITY_S3_MASTER_KEY");
    assertThatThrownBy(
            () -> new IdentityProperties.S3(Base64.getEncoder().encodeToString(new byte[16])))
        .hasMessageContaining("16 bytes");
    assertThatThrownBy(() -> new IdentityProperties.S3("not base64!"))
        .hasMessageContaining("not base64");
    assertThatThrownBy(() -> new IdentityProperties(null, null, null, null, null))
        .hasMessageContaining("IDENTITY_JWT_PRIVATE_KEY");
  }

  @Test
  void neverPrintsItsSecrets() {
    String key = Base64.getEncoder().encodeToString(new byte[32]);
    assertThat(new IdentityProperties.S3(key).toString()).doesNotContain(key);
    assertThat(new IdentityProperties.Jwt("SECRET-PEM", Duration.ofMinutes(1), "i", "a").toString())
        .doesNotContain("SECRET-PEM");
  }

  @Test
  void addressesAreChecksummed() {
    String address = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2";
    assertThat(Addresses.isChecksummed(address)).isTrue();
    assertThat(Addresses.isChecksummed(address.toLowerCase())).isFalse();
    assertThat(Addresses.normalize(address.toLowerCase())).isEqualTo(address);
    assertThatThrownBy(() -> Addresses.normalize(address.replace("C02a", "c02A")))
        .hasMessageContaining("checksum");
    assertThatThrownBy(() -> Addresses.normalize("0x12"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tokensHaveTheirAlphabets() {
    assertThat(Tokens.base62(40)).matches("[0-9A-Za-z]{40}");
    assertThat(Tokens.base32(16)).matches("[A-Z2-7]{16}");
    assertThat(Tokens.lowerAlphanumeric(16)).matches("[0-9a-z]{16}");
  }
}
