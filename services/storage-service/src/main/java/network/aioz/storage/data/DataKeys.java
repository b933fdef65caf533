package network.aioz.storage.data;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption: every blob has its own random 256-bit data key, stored only wrapped
 * (AES-256-GCM) under a platform master key, or under the customer's key for SSE-C, which the
 * platform never stores (only its MD5, to tell a wrong key from a missing one). The blob id is
 * authenticated with the wrapped key, so a wrapped key cannot be moved to another blob.
 */
public final class DataKeys {

  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, byte[]> masterKeys;
  private final String activeKeyId;

  /**
   * @param masterKeys key id to 32-byte key; old ids stay so data written under them still reads
   * @param activeKeyId the key that wraps new data keys
   */
  public DataKeys(Map<String, byte[]> masterKeys, String activeKeyId) {
    masterKeys.forEach(
        (id, key) -> {
          if (key.length != 32) {
            throw new IllegalArgumentException("master key '" + id + "' must be 32 bytes");
          }
        });
    if (!masterKeys.containsKey(activeKeyId)) {
      throw new IllegalArgumentException("no master key with the active id '" + activeKeyId + "'");
    }
    this.masterKeys = Map.copyOf(masterKeys);
    this.activeKeyId = activeKeyId;
  }

  /** A fresh data key and its wrapping, for a new blob. */
  public Sealed newKey(UUID blobId, CustomerKey customerKey) {
    byte[] dataKey = new byte[32];
    RANDOM.nextBytes(dataKey);
    if (customerKey != null) {
      return new Sealed(
          dataKey, wrap(customerKey.key(), dataKey, aad(blobId, "sse-c")), null, customerKey.md5());
    }
    return new Sealed(
        dataKey,
        wrap(masterKeys.get(activeKeyId), dataKey, aad(blobId, activeKeyId)),
        activeKeyId,
        null);
  }

  /** Unwraps a blob's data key with the master key it names. */
  public byte[] unwrapWithMaster(UUID blobId, String keyId, byte[] wrapped) {
    byte[] master = masterKeys.get(keyId);
    if (master == null) {
      throw new IllegalStateException("master key '" + keyId + "' is not configured");
    }
    return unwrap(master, wrapped, aad(blobId, keyId));
  }

  /**
   * Unwraps an SSE-C blob's data key.
   *
   * @throws WrongKeyException when the customer key is not the one the blob was written with
   */
  public byte[] unwrapWithCustomerKey(UUID blobId, CustomerKey key, byte[] wrapped) {
    try {
      return unwrap(key.key(), wrapped, aad(blobId, "sse-c"));
    } catch (IllegalStateException e) {
      throw new WrongKeyException();
    }
  }

  private static byte[] aad(UUID blobId, String keyId) {
    return ("aioz-storage-dk-v1|" + blobId + "|" + keyId).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] wrap(byte[] kek, byte[] dataKey, byte[] aad) {
    try {
      byte[] nonce = new byte[NONCE];
      RANDOM.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(kek, "AES"),
          new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad);
      byte[] sealed = cipher.doFinal(dataKey);
      byte[] out = Arrays.copyOf(nonce, NONCE + sealed.length);
      System.arraycopy(sealed, 0, out, NONCE, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot wrap a data key", e);
    }
  }

  private static byte[] unwrap(byte[] kek, byte[] wrapped, byte[] aad) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(kek, "AES"),
          new GCMParameterSpec(TAG_BITS, wrapped, 0, NONCE));
      cipher.updateAAD(aad);
      return cipher.doFinal(wrapped, NONCE, wrapped.length - NONCE);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot unwrap a data key", e);
    }
  }

  /** A data key in the clear (memory only) with what is stored about it. */
  public record Sealed(byte[] dataKey, byte[] wrapped, String masterKeyId, String customerKeyMd5) {}

  /** An SSE-C key as the client sent it: 32 bytes and the base64 MD5 S3 identifies it by. */
  public record CustomerKey(byte[] key, String md5) {

    /** Parses the SSE-C headers' values; a null result means none were sent. */
    public static CustomerKey parse(String algorithm, String keyBase64, String md5Base64) {
      if (algorithm == null && keyBase64 == null && md5Base64 == null) {
        return null;
      }
      if (!"AES256".equals(algorithm)) {
        throw new IllegalArgumentException(
            "x-amz-server-side-encryption-customer-algorithm must be AES256");
      }
      if (keyBase64 == null || md5Base64 == null) {
        throw new IllegalArgumentException(
            "SSE-C needs x-amz-server-side-encryption-customer-key and -key-MD5");
      }
      byte[] key;
      try {
        key = Base64.getDecoder().decode(keyBase64.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the SSE-C key is not base64");
      }
      if (key.length != 32) {
        throw new IllegalArgumentException("the SSE-C key must be 256 bits");
      }
      String md5 = Base64.getEncoder().encodeToString(md5(key));
      if (!md5.equals(md5Base64.trim())) {
        throw new IllegalArgumentException("the SSE-C key MD5 does not match the key");
      }
      return new CustomerKey(key, md5);
    }

    private static byte[] md5(byte[] key) {
      try {
        return MessageDigest.getInstance("MD5").digest(key);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The customer key given is not the one the data was written with. */
  public static final class WrongKeyException extends RuntimeException {
    WrongKeyException() {
      super("the SSE-C key does not match the object's key", null, false, false);
    }
  }
}
