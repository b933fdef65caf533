package network.aioz.billing.funding;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies Standard Webhooks signatures: {@code webhook-signature} holds space-separated {@code
 * v1,<base64 HMAC-SHA256(key, "id.timestamp.body")>}, the key being the base64 after {@code
 * whsec_}; one matching signature of any configured secret is enough (secrets rotate), compared in
 * constant time, and the timestamp must be within the tolerance of now (replays of old deliveries
 * are refused even with a valid signature).
 */
final class WebhookSignature {

  private static final String PREFIX = "whsec_";

  private final List<byte[]> keys;
  private final Duration tolerance;

  /**
   * @param secrets one or more space-separated {@code whsec_<base64>} secrets
   * @throws IllegalArgumentException when a secret is not base64
   */
  WebhookSignature(String secrets, Duration tolerance) {
    List<byte[]> parsed = new ArrayList<>();
    for (String secret : secrets.strip().split("\\s+")) {
      String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
      byte[] key = Base64.getDecoder().decode(encoded);
      if (key.length == 0) {
        throw new IllegalArgumentException("an empty webhook secret");
      }
      parsed.add(key);
    }
    this.keys = List.copyOf(parsed);
    this.tolerance = tolerance;
  }

  /** Why the delivery is not authentic, or null when it is. */
  String refusal(String id, String timestamp, String signatures, byte[] body, Instant now) {
    if (id == null || id.isBlank() || timestamp == null || signatures == null) {
      return "webhook-id, webhook-timestamp and webhook-signature are required";
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return "webhook-timestamp must be Unix seconds";
    }
    if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
      return "webhook-timestamp is outside the tolerance of " + tolerance;
    }
    byte[] signed = (id + "." + seconds + ".").getBytes(StandardCharsets.UTF_8);
    List<byte[]> expected = keys.stream().map(key -> hmac(key, signed, body)).toList();
    for (String candidate : signatures.strip().split("\\s+")) {
      if (!candidate.startsWith("v1,")) {
        continue;
      }
      byte[] given;
      try {
        given = Base64.getDecoder().decode(candidate.substring(3));
      } catch (IllegalArgumentException e) {
        continue;
      }
      for (byte[] mac : expected) {
        if (MessageDigest.isEqual(mac, given)) {
          return null;
        }
      }
    }
    return "no valid signature";
  }

  static byte[] hmac(byte[] key, byte[] prefix, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(prefix);
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
