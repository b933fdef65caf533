package network.aioz.webhook.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps endpoints' signing secrets encrypted at rest (AES-256-GCM under {@code
 * webhook.secrets-key}, a random 12-byte IV, the endpoint id as associated data, so a sealed secret
 * moved to another row does not open). The service must sign with the secret itself, so it can only
 * be sealed, not hashed. Without a key, secrets are stored as they are (and a warning says so);
 * values stored before a key was set still open.
 */
@Component
public class SecretSeal {

  static final String PREFIX = "sealed:v1:";
  private static final Logger log = LoggerFactory.getLogger(SecretSeal.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  public SecretSeal(@Value("${webhook.secrets-key:}") String base64Key) {
    if (base64Key == null || base64Key.isBlank()) {
      log.warn(
          "webhook.secrets-key (env WEBHOOK_SECRETS_KEY) is not set: endpoint signing secrets are"
              + " stored unencrypted");
      this.key = null;
      return;
    }
    byte[] bytes = Base64.getDecoder().decode(base64Key.strip());
    if (bytes.length != 32) {
      throw new IllegalStateException("webhook.secrets-key must be base64 of 32 bytes (AES-256)");
    }
    this.key = new SecretKeySpec(bytes, "AES");
  }

  /** What to store for an endpoint's secret. */
  public String seal(UUID endpointId, String secret) {
    if (key == null) {
      return secret;
    }
    try {
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      cipher.updateAAD(endpointId.toString().getBytes(StandardCharsets.US_ASCII));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
      byte[] out = new byte[iv.length + sealed.length];
      System.arraycopy(iv, 0, out, 0, iv.length);
      System.arraycopy(sealed, 0, out, iv.length, sealed.length);
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal a webhook secret", e);
    }
  }

  /** The secret from what is stored; null stays null. */
  public String open(UUID endpointId, String stored) {
    if (stored == null || !stored.startsWith(PREFIX)) {
      return stored;
    }
    if (key == null) {
      throw new IllegalStateException(
          "a webhook secret is sealed but webhook.secrets-key is not set");
    }
    try {
      byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
      cipher.updateAAD(endpointId.toString().getBytes(StandardCharsets.US_ASCII));
      return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "a webhook secret does not open under webhook.secrets-key", e);
    }
  }
}
