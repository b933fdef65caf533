package network.aioz.identity.s3key;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import network.aioz.identity.support.IdentityProperties;
import network.aioz.identity.support.Tokens;
import org.springframework.stereotype.Component;

/**
 * Encrypts S3 secrets at rest with AES-256-GCM under the master key: a random 12-byte IV per
 * secret, and the access key id as associated data, so a ciphertext moved to another key's row does
 * not decrypt.
 */
@Component
class SecretCipher {

  static final int IV_LENGTH = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;

  SecretCipher(IdentityProperties settings) {
    this.key = new SecretKeySpec(settings.s3().masterKeyBytes(), "AES");
  }

  record Sealed(byte[] iv, byte[] ciphertext) {}

  Sealed seal(String accessKeyId, String secret) {
    byte[] iv = Tokens.randomBytes(IV_LENGTH);
    return new Sealed(
        iv, run(Cipher.ENCRYPT_MODE, iv, accessKeyId, secret.getBytes(StandardCharsets.UTF_8)));
  }

  String open(String accessKeyId, Sealed sealed) {
    return new String(
        run(Cipher.DECRYPT_MODE, sealed.iv(), accessKeyId, sealed.ciphertext()),
        StandardCharsets.UTF_8);
  }

  private byte[] run(int mode, byte[] iv, String accessKeyId, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(accessKeyId.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("S3 secret of " + accessKeyId + " cannot be processed", e);
    }
  }
}
