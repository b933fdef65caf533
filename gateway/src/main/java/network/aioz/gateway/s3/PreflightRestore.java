package network.aioz.gateway.s3;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Puts back the preflight header {@link S3PreflightFilter} set aside. */
final class PreflightRestore implements GatewayFilter {

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    String method = exchange.getAttribute(S3PreflightFilter.HIDDEN_METHOD);
    if (method == null) {
      return chain.filter(exchange);
    }
    return chain.filter(
        exchange
            .mutate()
            .request(
                exchange
                    .getRequest()
                    .mutate()
                    .headers(
                        headers -> headers.set(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, method))
                    .build())
            .build());
  }
}
