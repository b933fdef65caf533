package network.aioz.gateway.s3;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Tells S3 API requests from the platform's own API: signed with SigV4 (header or presigned query),
 * or addressed to an {@code s3.} host ({@code s3.<domain>} path style, {@code <bucket>.s3.<domain>}
 * virtual-host style). S3 paths are bucket names, so the path alone cannot.
 */
public final class S3Traffic {

  private static final String SIGV4_PREFIX = "AWS4-";
  private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Za-z0-9]{3,128}");

  private S3Traffic() {}

  public static boolean matches(ServerHttpRequest request) {
    HttpHeaders headers = request.getHeaders();
    String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.startsWith(SIGV4_PREFIX)) {
      return true;
    }
    String query = request.getURI().getRawQuery();
    if (query != null && isPresigned(query)) {
      return true;
    }
    return isS3Host(headers.getFirst(HttpHeaders.HOST));
  }

  /**
   * The access key id a request claims (from {@code Authorization: AWS4-… Credential=<id>/…} or a
   * presigned {@code X-Amz-Credential}); claimed, not verified — storage-service checks the
   * signature.
   */
  public static Optional<String> accessKeyId(ServerHttpRequest request) {
    String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    String credential = null;
    if (authorization != null && authorization.startsWith(SIGV4_PREFIX)) {
      int at = authorization.indexOf("Credential=");
      if (at >= 0) {
        credential = authorization.substring(at + "Credential=".length());
      }
    } else {
      String query = request.getURI().getRawQuery();
      if (query != null) {
        for (String parameter : query.split("&")) {
          if (parameter.startsWith("X-Amz-Credential=")) {
            credential =
                URLDecoder.decode(
                    parameter.substring("X-Amz-Credential=".length()), StandardCharsets.UTF_8);
          }
        }
      }
    }
    if (credential == null) {
      return Optional.empty();
    }
    int slash = credential.indexOf('/');
    String id = slash < 0 ? credential : credential.substring(0, slash);
    return ACCESS_KEY_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
  }

  static boolean isPresigned(String rawQuery) {
    for (String parameter : rawQuery.split("&")) {
      int equals = parameter.indexOf('=');
      String name = equals < 0 ? parameter : parameter.substring(0, equals);
      if (name.equals("X-Amz-Algorithm") || name.equals("X-Amz-Credential")) {
        return true;
      }
    }
    return false;
  }

  /** {@code s3.<anything>} or {@code <bucket>.s3.<anything>}, with or without a port. */
  static boolean isS3Host(String host) {
    if (host == null || host.isEmpty() || host.startsWith("[")) {
      return false;
    }
    int colon = host.lastIndexOf(':');
    String name = (colon < 0 ? host : host.substring(0, colon)).toLowerCase(Locale.ROOT);
    return name.startsWith("s3.") || name.contains(".s3.");
  }
}
