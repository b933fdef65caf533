package network.aioz.shared.identity;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * P-256 keys of the internal identity token as PEM (SubjectPublicKeyInfo / PKCS#8), the form
 * settings carry.
 */
public final class PemKeys {

  private PemKeys() {}

  public static KeyPair generateP256() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 is part of every JDK", e);
    }
  }

  public static String toPem(ECPublicKey key) {
    return pem("PUBLIC KEY", key.getEncoded());
  }

  public static String toPem(ECPrivateKey key) {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  public static ECPublicKey publicKey(String pem) {
    try {
      return (ECPublicKey)
          KeyFactory.getInstance("EC")
              .generatePublic(new X509EncodedKeySpec(body(pem, "PUBLIC KEY")));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException("not a PEM-encoded EC public key", e);
    }
  }

  public static ECPrivateKey privateKey(String pem) {
    try {
      return (ECPrivateKey)
          KeyFactory.getInstance("EC")
              .generatePrivate(new PKCS8EncodedKeySpec(body(pem, "PRIVATE KEY")));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException("not a PEM-encoded PKCS#8 EC private key", e);
    }
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  private static byte[] body(String pem, String label) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("PEM block " + label + " not found");
    }
    return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
  }
}
