package network.aioz.identity.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Random identifiers and secrets, and the hash under which secrets are stored. */
public final class Tokens {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String LOWER_ALNUM = "0123456789abcdefghijklmnopqrstuvwxyz";
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Tokens() {}

  /** {@code length} characters drawn uniformly from [0-9A-Za-z]. */
  public static String base62(int length) {
    return draw(BASE62, length);
  }

  /** {@code length} characters drawn uniformly from [0-9a-z]. */
  public static String lowerAlphanumeric(int length) {
    return draw(LOWER_ALNUM, length);
  }

  /** {@code length} characters drawn uniformly from the RFC 4648 base32 alphabet. */
  public static String base32(int length) {
    return draw(BASE32, length);
  }

  public static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  public static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String draw(String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
