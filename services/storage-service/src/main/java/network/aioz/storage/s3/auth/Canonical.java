package network.aioz.storage.s3.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;

/** The SigV4 canonical request, built the way S3 builds it (no double encoding of the path). */
final class Canonical {

  private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

  private Canonical() {}

  record QueryParam(String name, String value) {}

  static String request(
      String method,
      String rawPath,
      List<QueryParam> canonicalQuery,
      List<String> signedHeaders,
      RequestView request,
      String payloadHash) {
    StringBuilder sb = new StringBuilder(256);
    sb.append(method).append('\n');
    sb.append(path(rawPath)).append('\n');
    sb.append(query(canonicalQuery)).append('\n');
    for (String name : signedHeaders) {
      sb.append(name).append(':').append(headerValue(request.headerValues(name))).append('\n');
    }
    sb.append('\n');
    sb.append(String.join(";", signedHeaders)).append('\n');
    sb.append(payloadHash);
    return sb.toString();
  }

  /** Decodes the raw path and re-encodes it once per the SigV4 rules; '/' is kept as is. */
  static String path(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    return encode(percentDecode(rawPath, false), false);
  }

  /** Decoded query parameters in arrival order; '+' means space as in form encoding. */
  static List<QueryParam> parseQuery(String rawQuery) {
    List<QueryParam> params = new ArrayList<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String part : rawQuery.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? "" : part.substring(eq + 1);
      params.add(
          new QueryParam(
              new String(percentDecode(name, true), StandardCharsets.UTF_8),
              new String(percentDecode(value, true), StandardCharsets.UTF_8)));
    }
    return params;
  }

  static String query(List<QueryParam> params) {
    List<QueryParam> encoded = new ArrayList<>(params.size());
    for (QueryParam p : params) {
      encoded.add(
          new QueryParam(
              encode(p.name().getBytes(StandardCharsets.UTF_8), true),
              encode(p.value().getBytes(StandardCharsets.UTF_8), true)));
    }
    encoded.sort(Comparator.comparing(QueryParam::name).thenComparing(QueryParam::value));
    StringBuilder sb = new StringBuilder();
    for (QueryParam p : encoded) {
      if (!sb.isEmpty()) {
        sb.append('&');
      }
      sb.append(p.name()).append('=').append(p.value());
    }
    return sb.toString();
  }

  /** Values trimmed, inner runs of spaces collapsed, several values joined with ','. */
  static String headerValue(List<String> values) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String v = values.get(i).strip();
      boolean space = false;
      for (int j = 0; j < v.length(); j++) {
        char c = v.charAt(j);
        if (c == ' ' || c == '\t') {
          if (!space) {
            sb.append(' ');
          }
          space = true;
        } else {
          sb.append(c);
          space = false;
        }
      }
    }
    return sb.toString();
  }

  static String encode(byte[] bytes, boolean encodeSlash) {
    StringBuilder sb = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || (c == '/' && !encodeSlash)) {
        sb.append((char) c);
      } else {
        sb.append('%').append(UPPER_HEX[c >> 4]).append(UPPER_HEX[c & 0xf]);
      }
    }
    return sb.toString();
  }

  static byte[] percentDecode(String s, boolean plusIsSpace) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < utf8.length; i++) {
      byte b = utf8[i];
      if (b == '%') {
        if (i + 2 >= utf8.length) {
          throw invalidUri();
        }
        int hi = Character.digit(utf8[i + 1], 16);
        int lo = Character.digit(utf8[i + 2], 16);
        if (hi < 0 || lo < 0) {
          throw invalidUri();
        }
        out.write((hi << 4) | lo);
        i += 2;
      } else if (b == '+' && plusIsSpace) {
        out.write(' ');
      } else {
        out.write(b);
      }
    }
    return out.toByteArray();
  }

  private static S3Exception invalidUri() {
    return new S3Exception(S3ErrorCode.InvalidURI, "Could not parse the specified URI.");
  }
}
