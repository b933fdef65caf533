package network.aioz.proof.support;

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
 * Every error leaves the proof service as {@code application/problem+json} (RFC 9457): the refusals
 * the service decides ({@link ApiProblem}), Spring MVC's own (unsupported media type, missing body,
 * ...) and, for anything unexpected, a 500 without internals.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem, HttpServletRequest request) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
    body.setType(problem.type());
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
            HttpStatus.INTERNAL_SERVER_ERROR, "The proof service could not complete the request.");
    body.setTitle("Internal error");
    body.setInstance(URI.create(request.getRequestURI()));
    return ResponseEntity.internalServerError().body(body);
  }
}
