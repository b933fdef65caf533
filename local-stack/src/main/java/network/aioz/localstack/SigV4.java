package network.aioz.localstack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature V4 of a request without a body, signing {@code host}, {@code x-amz-content-sha256}
 * and {@code x-amz-date}: enough for the stack to ask storage-service one question as a tenant's S3
 * client would, without an S3 SDK on the launcher's classpath.
 */
final class SigV4 {

  static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private SigV4() {}

  /**
   * The headers to send (besides {@code Host}, which must be {@code host}).
   *
   * @param path the URI-encoded path as sent
   * @param canonicalQuery the query in canonical form (sorted, encoded, {@code name=} for a bare
   *     name), empty for none
   */
  static Map<String, String> sign(
      String method,
      String host,
      String path,
      String canonicalQuery,
      String region,
      String accessKeyId,
      String secretKey,
      Instant now) {
    String amzDate = STAMP.format(now);
    String day = amzDate.substring(0, 8);
    String signedHeaders = "host;x-amz-content-sha256;x-amz-date";
    String canonicalRequest =
        String.join(
            "\n",
            method,
            path,
            canonicalQuery,
            "host:" + host,
            "x-amz-content-sha256:" + EMPTY_SHA256,
            "x-amz-date:" + amzDate,
            "",
            signedHeaders,
            EMPTY_SHA256);
    String scope = day + "/" + region + "/s3/aws4_request";
    String stringToSign =
        String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope, hex(sha256(canonicalRequest)));
    byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), day);
    key = hmac(key, region);
    key = hmac(key, "s3");
    key = hmac(key, "aws4_request");
    String signature = hex(hmac(key, stringToSign));
    return Map.of(
        "x-amz-content-sha256",
        EMPTY_SHA256,
        "x-amz-date",
        amzDate,
        "Authorization",
        "AWS4-HMAC-SHA256 Credential="
            + accessKeyId
            + "/"
            + scope
            + ", SignedHeaders="
            + signedHeaders
            + ", Signature="
            + signature);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
