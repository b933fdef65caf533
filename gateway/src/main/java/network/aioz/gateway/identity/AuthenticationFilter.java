package network.aioz.gateway.identity;

import java.util.Optional;
import network.aioz.gateway.FilterOrder;
import network.aioz.gateway.problem.GatewayRejection;
import network.aioz.shared.identity.InternalTokens;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Decides who is calling before anything is forwarded: removes any identity header a client sent,
 * resolves the request's credential (API key or session JWT) and forwards the internal identity
 * token in its place. What a route demands comes from its {@code auth} metadata ({@link
 * RouteAuth}).
 */
class AuthenticationFilter implements GlobalFilter, Ordered {

  private final CallerCache callers;

  AuthenticationFilter(CallerCache callers) {
    this.callers = callers;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
    RouteAuth auth = RouteAuth.of(route);
    // Services trust this header and nothing else, so only the gateway may ever set it.
    ServerHttpRequest stripped =
        exchange
            .getRequest()
            .mutate()
            .headers(headers -> headers.remove(InternalTokens.HEADER))
            .build();
    ServerWebExchange clean = exchange.mutate().request(stripped).build();
    if (auth == RouteAuth.S3 || auth == RouteAuth.NONE) {
      return chain.filter(clean);
    }
    Optional<Credential> credential = Credential.of(stripped);
    if (credential.isEmpty()) {
      if (auth == RouteAuth.REQUIRED) {
        return Mono.error(
            GatewayRejection.unauthenticated(
                "This path needs a credential: Authorization: Bearer <session token or API key>"
                    + " or X-API-Key."));
      }
      return chain.filter(clean);
    }
    return callers
        .resolve(credential.get())
        .flatMap(
            outcome -> {
              if (outcome.caller() == null) {
                return Mono.error(GatewayRejection.unauthenticated(outcome.refusal()));
              }
              clean.getAttributes().put(Caller.ATTRIBUTE, outcome.caller());
              ServerHttpRequest identified =
                  stripped
                      .mutate()
                      .headers(headers -> headers.set(InternalTokens.HEADER, outcome.token()))
                      .build();
              return chain.filter(clean.mutate().request(identified).build());
            });
  }

  @Override
  public int getOrder() {
    return FilterOrder.AUTHENTICATION;
  }
}
