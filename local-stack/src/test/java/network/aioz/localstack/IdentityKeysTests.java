package network.aioz.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import network.aioz.shared.identity.InternalTokens;
import network.aioz.shared.identity.PemKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityKeysTests {

  @TempDir Path dir;

  @Test
  void generatesAP256PairOnceAndReusesItAfterARestart() throws Exception {
    IdentityKeys first = IdentityKeys.loadOrCreate(dir);
    IdentityKeys second = IdentityKeys.loadOrCreate(dir);

    assertThat(second).isEqualTo(first);
    assertThat(first.publicPem()).startsWith("-----BEGIN PUBLIC KEY-----\n");
    assertThat(first.privatePem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Files.getPosixFilePermissions(first.privateFile()))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    KeyFactory ec = KeyFactory.getInstance("EC");
    ECPublicKey publicKey =
        (ECPublicKey) ec.generatePublic(new X509EncodedKeySpec(der(first.publicPem())));
    ECPrivateKey privateKey =
        (ECPrivateKey) ec.generatePrivate(new PKCS8EncodedKeySpec(der(first.privatePem())));
    assertThat(publicKey.getParams().getCurve().getField().getFieldSize()).isEqualTo(256);

    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(privateKey);
    signer.update("token".getBytes());
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(publicKey);
    verifier.update("token".getBytes());
    assertThat(verifier.verify(signature)).isTrue();

    // The services read these PEMs with shared-lib: they must parse to the same keys there.
    assertThat(PemKeys.publicKey(first.publicPem())).isEqualTo(publicKey);
    assertThat(PemKeys.privateKey(first.privatePem()).getS()).isEqualTo(privateKey.getS());
    assertThat(IdentityKeys.ISSUER).isEqualTo(InternalTokens.DEFAULT_ISSUER);
  }

  private static byte[] der(String pem) {
    return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
  }
}
