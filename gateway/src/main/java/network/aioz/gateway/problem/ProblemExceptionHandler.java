package network.aioz.gateway.problem;

import java.nio.charset.StandardCharsets;
import network.aioz.gateway.requestid.RequestIds;
import network.aioz.gateway.s3.S3Traffic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers every error the gateway raises with problem+json, or, on S3 traffic, with the S3 XML
 * error document S3 clients parse (an SDK reading problem+json would report an unparseable response
 * instead of retrying a 502/503); runs before Spring Boot's default handler (order -1) so a client
 * never sees an HTML page or a stack trace.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements ErrorWebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

  private final JsonMapper json;

  ProblemExceptionHandler(JsonMapper json) {
    this.json = json;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      // Status and headers are gone; the only honest signal left is the broken connection.
      return Mono.error(error);
    }
    GatewayError gatewayError = GatewayError.classify(error);
    String requestId = RequestIds.of(exchange).orElse(null);
    if (gatewayError.status().is5xxServerError()) {
      log.warn(
          "request {} {} {} failed: {}",
          requestId,
          exchange.getRequest().getMethod(),
          exchange.getRequest().getPath(),
          gatewayError.status(),
          error);
    }
    if (S3Traffic.matches(exchange.getRequest())) {
      return writeS3Error(exchange, gatewayError, requestId);
    }
    Problem problem =
        new Problem(
            gatewayError.type(),
            gatewayError.title(),
            gatewayError.status().value(),
            gatewayError.detail(),
            exchange.getRequest().getPath().value(),
            requestId);
    byte[] body = json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
    response.setStatusCode(gatewayError.status());
    HttpHeaders headers = response.getHeaders();
    headers.addAll(gatewayError.headers());
    headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    headers.setContentLength(body.length);
    headers.setCacheControl("no-store");
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }

  private static Mono<Void> writeS3Error(
      ServerWebExchange exchange, GatewayError error, String requestId) {
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
            + s3Code(error.status().value())
            + "</Code><Message>"
            + escape(error.detail())
            + "</Message><Resource>"
            + escape(exchange.getRequest().getPath().value())
            + "</Resource>"
            + (requestId == null ? "" : "<RequestId>" + escape(requestId) + "</RequestId>")
            + "</Error>";
    byte[] body = xml.getBytes(StandardCharsets.UTF_8);
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(error.status());
    HttpHeaders headers = response.getHeaders();
    headers.addAll(error.headers());
    headers.setContentType(MediaType.APPLICATION_XML);
    headers.setContentLength(body.length);
    if (requestId != null) {
      headers.set("x-amz-request-id", requestId);
    }
    if (exchange.getRequest().getMethod() == HttpMethod.HEAD) {
      // S3 answers HEAD errors with the status alone
      return response.setComplete();
    }
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }

  /** The S3 error code for a status the gateway itself produces. */
  static String s3Code(int status) {
    return switch (status) {
      case 400 -> "InvalidRequest";
      case 403 -> "AccessDenied";
      case 405 -> "MethodNotAllowed";
      case 411 -> "MissingContentLength";
      case 413 -> "EntityTooLarge";
      case 429 -> "SlowDown";
      case 431 -> "RequestHeaderSectionTooLarge";
      case 502, 503, 504 -> "ServiceUnavailable";
      default -> status >= 500 ? "InternalError" : "InvalidRequest";
    };
  }

  private static String escape(String text) {
    return text == null
        ? ""
        : text.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\"", "&quot;")
            .replace("'", "&apos;");
  }
}
