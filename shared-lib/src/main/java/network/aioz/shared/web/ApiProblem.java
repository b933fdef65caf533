package network.aioz.shared.web;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request a service refuses, answered as an RFC 9457 problem. The {@code type} names the kind of
 * problem so clients can branch on it without parsing the text; a short name is resolved against
 * the service's problem type base ({@code platform.problems.base}).
 */
public class ApiProblem extends RuntimeException {

  private final HttpStatus status;
  private final String type;
  private final String title;
  private final Map<String, Object> properties;

  public ApiProblem(HttpStatus status, String type, String title, String detail) {
    this(status, type, title, detail, Map.of());
  }

  public ApiProblem(
      HttpStatus status, String type, String title, String detail, Map<String, Object> properties) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.properties = Map.copyOf(properties);
  }

  public static ApiProblem badRequest(String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
  }

  public static ApiProblem notFound(String what) {
    return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " does not exist");
  }

  public static ApiProblem conflict(String type, String title, String detail) {
    return new ApiProblem(HttpStatus.CONFLICT, type, title, detail);
  }

  public static ApiProblem unauthorized(String detail) {
    return new ApiProblem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Not authenticated", detail);
  }

  public static ApiProblem forbidden(String detail) {
    return new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
  }

  public HttpStatus status() {
    return status;
  }

  /** The kind of problem as given: a short name such as {@code not-found}, or an absolute URI. */
  public String type() {
    return type;
  }

  /** The problem type as the URI the docs describe: a short name resolved against {@code base}. */
  public URI typeUri(URI base) {
    URI given = URI.create(type);
    return given.isAbsolute() ? given : base.resolve(given);
  }

  public String title() {
    return title;
  }

  public Map<String, Object> properties() {
    return properties;
  }
}
