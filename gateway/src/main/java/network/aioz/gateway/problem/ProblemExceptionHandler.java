package network.aioz.gateway.problem;

import java.nio.charset.StandardCharsets;
import network.aioz.gateway.requestid.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers every error the gateway raises with problem+json; runs before Spring Boot's default
 * handler (order -1) so a client never sees an HTML page or a stack trace.
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
}
