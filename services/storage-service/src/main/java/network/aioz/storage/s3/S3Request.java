package network.aioz.storage.s3;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import network.aioz.storage.s3.auth.Authentication;
import network.aioz.storage.s3.auth.RequestView;
import network.aioz.storage.s3.auth.VerifiedBody;
import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;

/** One S3 request after routing and authentication: who, which bucket and key, what was asked. */
public final class S3Request {

  private final HttpServletRequest servlet;
  private final HttpServletResponse response;
  private final RequestView view;
  private final String bucket;
  private final String key;
  private final Map<String, List<String>> query;
  private final String requestId;
  private Authentication auth;
  private VerifiedBody body;

  S3Request(
      HttpServletRequest servlet,
      HttpServletResponse response,
      RequestView view,
      String bucket,
      String key,
      Map<String, List<String>> query,
      String requestId) {
    this.servlet = servlet;
    this.response = response;
    this.view = view;
    this.bucket = bucket;
    this.key = key;
    this.query = query;
    this.requestId = requestId;
  }

  void authenticated(Authentication authentication) {
    this.auth = authentication;
  }

  public String tenant() {
    return auth.tenantId();
  }

  public Authentication auth() {
    return auth;
  }

  public String method() {
    return servlet.getMethod();
  }

  public String bucket() {
    return bucket;
  }

  public String key() {
    return key;
  }

  public String requestId() {
    return requestId;
  }

  public HttpServletResponse response() {
    return response;
  }

  public HttpServletRequest servlet() {
    return servlet;
  }

  public boolean has(String param) {
    return query.containsKey(param);
  }

  /** A query parameter's first value, or null. */
  public String param(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  public Map<String, List<String>> params() {
    return query;
  }

  public String header(String name) {
    return servlet.getHeader(name);
  }

  /** Every {@code x-amz-meta-*} header, names lower-cased without the prefix. */
  public Map<String, String> userMetadata() {
    Map<String, String> meta = new LinkedHashMap<>();
    for (String name : java.util.Collections.list(servlet.getHeaderNames())) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith("x-amz-meta-")) {
        meta.put(
            lower.substring("x-amz-meta-".length()),
            String.join(",", java.util.Collections.list(servlet.getHeaders(name))));
      }
    }
    return meta;
  }

  /** The body, decoded and verified as it streams; opened once. */
  public VerifiedBody body() throws IOException {
    if (body == null) {
      InputStream raw = servlet.getInputStream();
      body = auth.body(raw, view);
    }
    return body;
  }

  /** Decoded body bytes read so far (0 when the body was never opened). */
  public long bodyBytesRead() {
    return body == null ? 0 : body.bytesRead();
  }

  /** Parses a raw query string: names and values percent-decoded as UTF-8, '+' as space. */
  static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
      params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return params;
  }

  /** Percent-decodes UTF-8; in a query '+' is a space, in a path it is a plus. */
  static String decode(String s, boolean plusIsSpace) {
    if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
      return s;
    }
    byte[] out = new byte[s.length()];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw new S3Exception(S3ErrorCode.InvalidURI);
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new S3Exception(S3ErrorCode.InvalidURI);
        }
        out[n++] = (byte) (hi * 16 + lo);
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        out[n++] = ' ';
      } else if (c < 0x80) {
        out[n++] = (byte) c;
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (n + utf8.length > out.length) {
          out = java.util.Arrays.copyOf(out, out.length * 2 + utf8.length);
        }
        System.arraycopy(utf8, 0, out, n, utf8.length);
        n += utf8.length;
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }
}
