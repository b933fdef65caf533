package network.aioz.gateway.requestid;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * W3C Trace Context: a well-formed {@code traceparent} goes upstream as sent; a missing or
 * malformed one is replaced by a new trace (and a {@code tracestate} that belonged to the bad one
 * is dropped), so every service's logs of one request share a trace id.
 */
final class TraceParent {

  static final String HEADER = "traceparent";
  static final String STATE_HEADER = "tracestate";

  private static final Pattern VALID =
      Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private TraceParent() {}

  static boolean isValid(String value) {
    if (value == null || !VALID.matcher(value).matches() || value.startsWith("ff")) {
      return false;
    }
    String traceId = value.substring(3, 35);
    String parentId = value.substring(36, 52);
    return !traceId.equals("0".repeat(32)) && !parentId.equals("0".repeat(16));
  }

  /** A new sampled trace rooted at the gateway. */
  static String generate() {
    byte[] ids = new byte[24];
    RANDOM.nextBytes(ids);
    HexFormat hex = HexFormat.of();
    return "00-" + hex.formatHex(ids, 0, 16) + "-" + hex.formatHex(ids, 16, 24) + "-01";
  }
}
