package network.aioz.shared.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SignatureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;

class EdgeRequestSigningTests {

  private final ECKeyPair key = EdgeKeys.generate();
  private final byte[] body = "{\"sequence\":7}".getBytes(StandardCharsets.UTF_8);

  @Test
  void signatureRecoversTheSignersAddress() throws Exception {
    var signed =
        EdgeRequestSigning.sign(key, "POST", "/v1/edges/x/heartbeats", 1_700_000_000L, body);

    assertThat(signed.address()).isEqualTo(EdgeKeys.address(key));
    assertThat(
            EdgeRequestSigning.recoverAddress(
                "POST", "/v1/edges/x/heartbeats", 1_700_000_000L, body, signed.signature()))
        .isEqualTo(signed.address());
  }

  @Test
  void anyChangeToTheSignedPartsRecoversAnotherAddress() throws Exception {
    var signed = EdgeRequestSigning.sign(key, "POST", "/v1/tasks/1/submit", 100L, body);
    String address = signed.address();
    String sig = signed.signature();

    assertThat(EdgeRequestSigning.recoverAddress("PUT", "/v1/tasks/1/submit", 100L, body, sig))
        .isNotEqualTo(address);
    assertThat(EdgeRequestSigning.recoverAddress("POST", "/v1/tasks/2/submit", 100L, body, sig))
        .isNotEqualTo(address);
    assertThat(EdgeRequestSigning.recoverAddress("POST", "/v1/tasks/1/submit", 101L, body, sig))
        .isNotEqualTo(address);
    assertThat(
            EdgeRequestSigning.recoverAddress(
                "POST", "/v1/tasks/1/submit", 100L, "{}".getBytes(StandardCharsets.UTF_8), sig))
        .isNotEqualTo(address);
  }

  @Test
  void malformedSignaturesAreRefused() {
    assertThatThrownBy(() -> EdgeRequestSigning.recoverAddress("GET", "/", 1, null, null))
        .isInstanceOf(SignatureException.class);
    assertThatThrownBy(() -> EdgeRequestSigning.recoverAddress("GET", "/", 1, null, "0x1234"))
        .isInstanceOf(SignatureException.class);
    assertThatThrownBy(
            () -> EdgeRequestSigning.recoverAddress("GET", "/", 1, null, "0x" + "zz".repeat(65)))
        .isInstanceOf(SignatureException.class);
    assertThatThrownBy(
            () ->
                EdgeRequestSigning.recoverAddress(
                    "GET", "/", 1, null, "0x" + "00".repeat(64) + "05"))
        .isInstanceOf(SignatureException.class);
  }

  @Test
  void addressesAreCanonicalInAnyCaseAndValidated() {
    String address = EdgeKeys.address(key);

    assertThat(EdgeKeys.checksum(address.toLowerCase())).isEqualTo(address);
    assertThat(EdgeKeys.checksum(address.toUpperCase().replace("0X", "0x"))).isEqualTo(address);
    assertThatThrownBy(() -> EdgeKeys.checksum("0x1234"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EdgeKeys.checksum(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keyIsCreatedOnceAndReloaded(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keys/node.key");
    ECKeyPair created = EdgeKeys.loadOrCreate(file);
    ECKeyPair loaded = EdgeKeys.loadOrCreate(file);

    assertThat(EdgeKeys.address(loaded)).isEqualTo(EdgeKeys.address(created));
    assertThat(Files.getPosixFilePermissions(file).toString())
        .isEqualTo("[OWNER_READ, OWNER_WRITE]");
  }
}
