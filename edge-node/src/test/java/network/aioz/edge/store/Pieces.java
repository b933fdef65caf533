package network.aioz.edge.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

/** Test pieces: bytes and their digest. */
record Pieces(byte[] bytes, String digest) {

  static Pieces random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return of(bytes);
  }

  static Pieces text(String text) {
    return of(text.getBytes(StandardCharsets.UTF_8));
  }

  static Pieces of(byte[] bytes) {
    try {
      return new Pieces(
          bytes, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
