package network.aioz.storage.s3.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent, deliberately simple SigV4 client for tests: it signs requests whose path and
 * query are already in canonical form, and frames aws-chunked bodies with any chunk size.
 */
final class TestSigV4 {

  static final String ACCESS_KEY = "AKIDTESTKEY0000001";
  static final String SECRET = "test/secret+key/0123456789abcdefghijkl";
  static final String TENANT = "tenant-7";
  static final String REGION = "us-east-1";
  static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final HexFormat HEX = HexFormat.of();

  private TestSigV4() {}

  static CredentialLookup lookup() {
    Credential c = new Credential(ACCESS_KEY, SECRET, TENANT);
    return id -> id.equals(ACCESS_KEY) ? java.util.Optional.of(c) : java.util.Optional.empty();
  }

  /** The seed signature; sets x-amz-date, x-amz-content-sha256 and Authorization. */
  static String sign(
      TestRequest request,
      String accessKey,
      String secret,
      String region,
      Instant time,
      String payloadHash) {
    String amzDate = AMZ_DATE.format(time);
    request.set("x-amz-date", amzDate).set("x-amz-content-sha256", payloadHash);
    TreeMap<String, String> canonicalHeaders = new TreeMap<>();
    for (String name : request.headerNames()) {
      if (!name.equals("authorization")) {
        canonicalHeaders.put(name, String.join(",", request.headerValues(name)).strip());
      }
    }
    StringBuilder cr = new StringBuilder();
    cr.append(request.method()).append('\n').append(request.rawPath()).append('\n');
    cr.append(request.rawQuery() == null ? "" : request.rawQuery()).append('\n');
    canonicalHeaders.forEach((k, v) -> cr.append(k).append(':').append(v).append('\n'));
    cr.append('\n').append(String.join(";", canonicalHeaders.keySet())).append('\n');
    cr.append(payloadHash);
    String scope = amzDate.substring(0, 8) + "/" + region + "/s3/aws4_request";
    String sts = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + sha256Hex(cr.toString());
    String signature = hmacHex(signingKey(secret, amzDate.substring(0, 8), region), sts);
    request.set(
        "authorization",
        "AWS4-HMAC-SHA256 Credential="
            + accessKey
            + "/"
            + scope
            + ", SignedHeaders="
            + String.join(";", canonicalHeaders.keySet())
            + ", Signature="
            + signature);
    return signature;
  }

  static String sign(TestRequest request, Instant time, String payloadHash) {
    return sign(request, ACCESS_KEY, SECRET, REGION, time, payloadHash);
  }

  /** A presigned GET/PUT query for a path in canonical form, signing only host. */
  static String presignQuery(
      String method, String path, String host, Instant time, long expires, String region) {
    String amzDate = AMZ_DATE.format(time);
    String scope = amzDate.substring(0, 8) + "/" + region + "/s3/aws4_request";
    String query =
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
            + ACCESS_KEY
            + "%2F"
            + scope.replace("/", "%2F")
            + "&X-Amz-Date="
            + amzDate
            + "&X-Amz-Expires="
            + expires
            + "&X-Amz-SignedHeaders=host";
    String cr =
        method + "\n" + path + "\n" + query + "\nhost:" + host + "\n\nhost\nUNSIGNED-PAYLOAD";
    String sts = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + sha256Hex(cr);
    return query
        + "&X-Amz-Signature="
        + hmacHex(signingKey(SECRET, amzDate.substring(0, 8), region), sts);
  }

  /**
   * Frames {@code body} as aws-chunked. With a seed signature the chunks are signed; with a trailer
   * value the CRC32C trailer follows (signed when the chunks are).
   */
  static byte[] chunked(
      byte[] body,
      int chunkSize,
      String seedSignature,
      Instant time,
      String secret,
      String region,
      boolean crc32cTrailer) {
    String amzDate = AMZ_DATE.format(time);
    String scope = amzDate.substring(0, 8) + "/" + region + "/s3/aws4_request";
    byte[] key = signingKey(secret, amzDate.substring(0, 8), region);
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 1024);
    String previous = seedSignature;
    List<int[]> chunks = new ArrayList<>();
    for (int off = 0; off < body.length; off += chunkSize) {
      chunks.add(new int[] {off, Math.min(chunkSize, body.length - off)});
    }
    chunks.add(new int[] {body.length, 0});
    for (int[] c : chunks) {
      StringBuilder header = new StringBuilder(Integer.toHexString(c[1]));
      if (seedSignature != null) {
        MessageDigest d = sha256();
        d.update(body, c[0], c[1]);
        String sts =
            "AWS4-HMAC-SHA256-PAYLOAD\n"
                + amzDate
                + "\n"
                + scope
                + "\n"
                + previous
                + "\n"
                + EMPTY_SHA256
                + "\n"
                + HEX.formatHex(d.digest());
        previous = hmacHex(key, sts);
        header.append(";chunk-signature=").append(previous);
      }
      out.writeBytes((header + "\r\n").getBytes(StandardCharsets.US_ASCII));
      if (c[1] > 0) {
        out.write(body, c[0], c[1]);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
    }
    if (crc32cTrailer) {
      CRC32C crc = new CRC32C();
      crc.update(body);
      String value =
          Base64.getEncoder()
              .encodeToString(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
      String trailer = "x-amz-checksum-crc32c:" + value;
      out.writeBytes((trailer + "\r\n").getBytes(StandardCharsets.US_ASCII));
      if (seedSignature != null) {
        String sts =
            "AWS4-HMAC-SHA256-TRAILER\n"
                + amzDate
                + "\n"
                + scope
                + "\n"
                + previous
                + "\n"
                + sha256Hex(trailer + "\n");
        out.writeBytes(
            ("x-amz-trailer-signature:" + hmacHex(key, sts) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
      }
    }
    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  static byte[] signingKey(String secret, String date, String region) {
    byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    k = hmac(k, region);
    k = hmac(k, "s3");
    return hmac(k, "aws4_request");
  }

  static String sha256Hex(String s) {
    return HEX.formatHex(sha256().digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  static String sha256Hex(byte[] b) {
    return HEX.formatHex(sha256().digest(b));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String hmacHex(byte[] key, String data) {
    return HEX.formatHex(hmac(key, data));
  }

  static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
