package network.aioz.storage.s3.auth;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Derived SigV4 signing keys, least recently used first out. Deriving costs four HMACs, and every
 * request of a client on one day and region uses the same key.
 */
final class SigningKeyCache {

  private record Key(String secret, String date, String region) {}

  private final int capacity;
  private final Map<Key, byte[]> keys;

  SigningKeyCache(int capacity) {
    this.capacity = capacity;
    this.keys = new LinkedHashMap<>(16, 0.75f, true);
  }

  byte[] signingKey(String secret, String date, String region) {
    Key key = new Key(secret, date, region);
    synchronized (keys) {
      byte[] cached = keys.get(key);
      if (cached != null) {
        return cached;
      }
    }
    byte[] derived = derive(secret, date, region);
    synchronized (keys) {
      keys.put(key, derived);
      if (keys.size() > capacity) {
        var eldest = keys.keySet().iterator();
        eldest.next();
        eldest.remove();
      }
    }
    return derived;
  }

  int size() {
    synchronized (keys) {
      return keys.size();
    }
  }

  static byte[] derive(String secret, String date, String region) {
    byte[] kDate = Crypto.hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    byte[] kRegion = Crypto.hmac(kDate, region);
    byte[] kService = Crypto.hmac(kRegion, "s3");
    return Crypto.hmac(kService, "aws4_request");
  }
}
