package network.aioz.gateway.limits;

import java.util.List;
import network.aioz.gateway.FilterOrder;
import network.aioz.gateway.s3.S3Traffic;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * CORS for the platform API: the console's origins may call it with bearer tokens and read the
 * rate-limit and request-id headers. S3 traffic is left alone: storage-service answers it from each
 * bucket's own CORS rules.
 */
@Component
class ApiCorsFilter implements WebFilter, Ordered {

  private final CorsWebFilter cors;

  ApiCorsFilter(CorsProperties properties) {
    CorsConfiguration configuration = new CorsConfiguration();
    configuration.setAllowedOrigins(properties.allowedOrigins());
    configuration.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
    configuration.setAllowedHeaders(
        List.of(
            "Authorization",
            "Content-Type",
            "Idempotency-Key",
            "X-API-Key",
            "X-Request-Id",
            "traceparent",
            "tracestate"));
    configuration.setExposedHeaders(
        List.of(
            "RateLimit",
            "RateLimit-Policy",
            "Retry-After",
            "X-Request-Id",
            "Idempotent-Replayed",
            "Location",
            "ETag"));
    configuration.setMaxAge(properties.maxAge());
    configuration.setAllowCredentials(false);
    this.cors =
        new CorsWebFilter(
            exchange -> S3Traffic.matches(exchange.getRequest()) ? null : configuration);
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    return cors.filter(exchange, chain);
  }

  @Override
  public int getOrder() {
    return FilterOrder.CORS;
  }
}
