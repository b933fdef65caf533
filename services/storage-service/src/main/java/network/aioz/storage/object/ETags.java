package network.aioz.storage.object;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** S3 entity tags: stored unquoted, compared against If-Match / If-None-Match lists. */
public final class ETags {

  private ETags() {}

  /** Whether an {@code If-Match}-style header (a list of quoted tags, or {@code *}) names etag. */
  public static boolean matches(String header, String etag) {
    for (String candidate : header.split(",")) {
      String c = candidate.trim();
      if (c.startsWith("W/")) {
        c = c.substring(2);
      }
      if (c.equals("*")) {
        return true;
      }
      if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
        c = c.substring(1, c.length() - 1);
      }
      if (c.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  public static String quoted(String etag) {
    return "\"" + etag + "\"";
  }

  /**
   * The multipart ETag: MD5 of the concatenated binary MD5s of the parts, then "-" and the count.
   */
  public static String multipart(List<String> partEtags) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      for (String e : partEtags) {
        md5.update(HexFormat.of().parseHex(e));
      }
      return HexFormat.of().formatHex(md5.digest()) + "-" + partEtags.size();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
