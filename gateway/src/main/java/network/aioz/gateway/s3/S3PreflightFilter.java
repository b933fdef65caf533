package network.aioz.gateway.s3;

import network.aioz.gateway.FilterOrder;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Lets S3 CORS preflights reach storage-service, which answers them from each bucket's CORS rules.
 * WebFlux's handler mapping answers every preflight itself (an empty 200 when the gateway has no
 * CORS configuration) and never calls the route, so the header that makes a request a preflight is
 * set aside here and put back by {@link PreflightRestore} just before forwarding.
 */
@Component
class S3PreflightFilter implements WebFilter, Ordered {

  static final String HIDDEN_METHOD = S3PreflightFilter.class.getName() + ".requestMethod";

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    if (!CorsUtils.isPreFlightRequest(request) || !S3Traffic.matches(request)) {
      return chain.filter(exchange);
    }
    exchange
        .getAttributes()
        .put(
            HIDDEN_METHOD,
            request.getHeaders().getFirst(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD));
    ServerHttpRequest hidden =
        request
            .mutate()
            .headers(headers -> headers.remove(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD))
            .build();
    return chain.filter(exchange.mutate().request(hidden).build());
  }

  @Override
  public int getOrder() {
    return FilterOrder.S3_PREFLIGHT;
  }
}
