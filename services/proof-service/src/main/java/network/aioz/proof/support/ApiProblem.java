package network.aioz.proof.support;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request the proof service refuses, answered as an RFC 9457 problem. The {@code type} names the
 * kind of problem so clients can branch on it without parsing the text.
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

  /** The problem type as a URI the docs describe. */
  public URI type() {
    return URI.create("https://aioz.network/problems/proof/" + type);
  }

  public String title() {
    return title;
  }

  public Map<String, Object> properties() {
    return properties;
  }
}
