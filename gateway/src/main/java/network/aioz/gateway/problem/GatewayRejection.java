package network.aioz.gateway.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A request the gateway refuses on purpose (no credential, too many requests, a reused idempotency
 * key, ...), answered as problem+json (S3 XML on S3 traffic) with the headers it carries.
 */
public class GatewayRejection extends RuntimeException {

  private final HttpStatus status;
  private final String type;
  private final String title;
  private final HttpHeaders headers;

  /**
   * @param type the problem type's last path segment under the gateway's problem base
   */
  public GatewayRejection(
      HttpStatus status, String type, String title, String detail, HttpHeaders headers) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
  }

  public GatewayRejection(HttpStatus status, String type, String title, String detail) {
    this(status, type, title, detail, HttpHeaders.EMPTY);
  }

  /** 401 with the {@code WWW-Authenticate} challenge RFC 9110 requires. */
  public static GatewayRejection unauthenticated(String detail) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"aioz\"");
    return new GatewayRejection(
        HttpStatus.UNAUTHORIZED, "unauthenticated", "Not authenticated", detail, headers);
  }

  public static GatewayRejection badRequest(String type, String detail) {
    return new GatewayRejection(HttpStatus.BAD_REQUEST, type, "Invalid request", detail);
  }

  GatewayError toError() {
    return new GatewayError(status, GatewayError.TYPE_BASE + type, title, getMessage(), headers);
  }

  public HttpStatus status() {
    return status;
  }
}
