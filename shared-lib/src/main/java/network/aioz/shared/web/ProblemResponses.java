package network.aioz.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves the service as {@code application/problem+json} (RFC 9457): the refusals the
 * service decides ({@link ApiProblem}), Spring MVC's own (unsupported media type, missing body,
 * ...) and, for anything unexpected, a 500 without internals.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

  /** Where problem types live unless {@code platform.problems.base} says otherwise. */
  public static final String DEFAULT_BASE = "https://aioz.network/problems/";

  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

  private final URI typeBase;

  /**
   * @param typeBase the URI short problem types are resolved against; it ends with {@code /}
   */
  public ProblemResponses(URI typeBase) {
    if (!typeBase.isAbsolute() || !typeBase.getPath().endsWith("/")) {
      throw new IllegalArgumentException(
          "the problem type base must be an absolute URI ending with '/': " + typeBase);
    }
    this.typeBase = typeBase;
  }

  /**
   * The problem type base: the configured one, or {@code https://aioz.network/problems/<name>/}
   * with the application's name less its {@code -service} suffix ({@code ledger-service} gives
   * {@code .../problems/ledger/}).
   */
  public static URI typeBase(String configured, String applicationName) {
    if (configured != null && !configured.isBlank()) {
      String base = configured.strip();
      return URI.create(base.endsWith("/") ? base : base + "/");
    }
    String name =
        applicationName == null || applicationName.isBlank() ? "service" : applicationName;
    if (name.endsWith("-service") && name.length() > "-service".length()) {
      name = name.substring(0, name.length() - "-service".length());
    }
    return URI.create(DEFAULT_BASE + name + "/");
  }

  public URI typeBase() {
    return typeBase;
  }

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem, HttpServletRequest request) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
    body.setType(problem.typeUri(typeBase));
    body.setTitle(problem.title());
    body.setInstance(URI.create(request.getRequestURI()));
    problem.properties().forEach(body::setProperty);
    return ResponseEntity.status(problem.status()).body(body);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR, "The service could not complete the request.");
    body.setTitle("Internal error");
    body.setInstance(URI.create(request.getRequestURI()));
    return ResponseEntity.internalServerError().body(body);
  }
}
