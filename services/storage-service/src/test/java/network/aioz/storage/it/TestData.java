package network.aioz.storage.it;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import java.util.zip.CRC32;

/** Deterministic payloads, their digests as S3 writes them, and unique bucket names. */
final class TestData {

  private TestData() {}

  static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static String bucket(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static byte[] md5(byte[] data) {
    try {
      return MessageDigest.getInstance("MD5").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String md5Hex(byte[] data) {
    return HexFormat.of().formatHex(md5(data));
  }

  static String quotedMd5(byte[] data) {
    return "\"" + md5Hex(data) + "\"";
  }

  static String md5Base64(byte[] data) {
    return Base64.getEncoder().encodeToString(md5(data));
  }

  static String crc32Base64(byte[] data) {
    CRC32 crc = new CRC32();
    crc.update(data);
    return Base64.getEncoder()
        .encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /** The multipart ETag: MD5 over the parts' binary MD5s, a dash and the part count. */
  static String multipartEtag(byte[]... parts) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      for (byte[] part : parts) {
        md5.update(md5(part));
      }
      return "\"" + HexFormat.of().formatHex(md5.digest()) + "-" + parts.length + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
