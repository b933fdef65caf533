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
    SignatureCheck check = new SignatureCheck(Erc1271ChainIntegrationTests.settings(null));
    assertThat(check.decode("0x" + "ab".repeat(65))).hasSize(65);
    assertThatThrownBy(() -> check.decode("ab".repeat(65))).hasMessageContaining("0x");
    assertThatThrownBy(() -> check.decode("0x" + "ab".repeat(66))).hasMessageContaining("65");
    assertThatThrownBy(() -> check.decode("0x" + "zz".repeat(65))).hasMessageContaining("hex");
    assertThatThrownBy(() -> check.decode("0xabc")).hasMessageContaining("length");
  }
}
