package network.aioz.identity.siwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

class SignatureCheckTests {

  @Test
  void recoversThePersonalSignSignerWhicheverRecoveryIdConvention() throws Exception {
    ECKeyPair key = Keys.createEcKeyPair();
    String address = Keys.toChecksumAddress(Keys.getAddress(key));
    byte[] message = "hello".getBytes(StandardCharsets.UTF_8);
    Sign.SignatureData s = Sign.signPrefixedMessage(message, key);
    byte[] packed = new byte[65];
    System.arraycopy(s.getR(), 0, packed, 0, 32);
    System.arraycopy(s.getS(), 0, packed, 32, 32);
    packed[64] = s.getV()[0];

    assertThat(SignatureCheck.recover(message, packed)).isEqualToIgnoringCase(address);
    packed[64] -= 27;
    assertThat(SignatureCheck.recover(message, packed)).isEqualToIgnoringCase(address);
    assertThat(SignatureCheck.recover("other".getBytes(StandardCharsets.UTF_8), packed))
        .isNotEqualToIgnoringCase(address);
    packed[64] = 5;
    assertThat(SignatureCheck.recover(message, packed)).isNull();
  }

  @Test
  void decodesOnlyHexOfTheRightLength() {
    SignatureCheck check =
        new SignatureCheck(
            new network.aioz.identity.support.IdentityProperties(
                new network.aioz.identity.support.IdentityProperties.Jwt(
                    "pem", java.time.Duration.ofMinutes(1), "i", "a"),
                new network.aioz.identity.support.IdentityProperties.Refresh(
                    java.time.Duration.ofDays(1)),
                new network.aioz.identity.support.IdentityProperties.Siwe(
                    java.time.Duration.ofMinutes(5),
                    java.util.List.of("x"),
                    java.util.List.of(),
                    java.util.Set.of(1L),
                    java.time.Duration.ofSeconds(30),
                    null,
                    java.time.Duration.ofSeconds(1)),
                new network.aioz.identity.support.IdentityProperties.S3(
                    java.util.Base64.getEncoder().encodeToString(new byte[32])),
                null));
    assertThat(check.decode("0x" + "ab".repeat(65))).hasSize(65);
    assertThatThrownBy(() -> check.decode("ab".repeat(65))).hasMessageContaining("0x");
    assertThatThrownBy(() -> check.decode("0x" + "ab".repeat(66))).hasMessageContaining("65");
    assertThatThrownBy(() -> check.decode("0x" + "zz".repeat(65))).hasMessageContaining("hex");
    assertThatThrownBy(() -> check.decode("0xabc")).hasMessageContaining("length");
  }
}
