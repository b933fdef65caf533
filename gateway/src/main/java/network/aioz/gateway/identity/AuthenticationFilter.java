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
    if (auth == RouteAuth.S3 || auth == RouteAuth.NONE) {
      return chain.filter(withIdentity(exchange, null));
    }
    Optional<Credential> credential = Credential.of(exchange.getRequest());
    if (credential.isEmpty()) {
      if (auth == RouteAuth.REQUIRED) {
        return Mono.error(
            GatewayRejection.unauthenticated(
                "This path needs a credential: Authorization: Bearer <session token or API key>"
                    + " or X-API-Key."));
      }
      return chain.filter(withIdentity(exchange, null));
    }
    return callers
        .resolve(credential.get())
        .flatMap(
            outcome -> {
              if (outcome.caller() == null) {
                return Mono.error(GatewayRejection.unauthenticated(outcome.refusal()));
              }
              exchange.getAttributes().put(Caller.ATTRIBUTE, outcome.caller());
              return chain.filter(withIdentity(exchange, outcome.token()));
            });
  }

  /**
   * The exchange with the identity header replaced by {@code token}, or removed: services trust
   * this header and nothing else, so only the gateway may ever set it.
   */
  private static ServerWebExchange withIdentity(ServerWebExchange exchange, String token) {
    ServerHttpRequest request =
        exchange
            .getRequest()
            .mutate()
            .headers(
                headers -> {
                  headers.remove(InternalTokens.HEADER);
                  if (token != null) {
                    headers.set(InternalTokens.HEADER, token);
                  }
                })
            .build();
    return exchange.mutate().request(request).build();
  }

  @Override
  public int getOrder() {
    return FilterOrder.AUTHENTICATION;
  }
}
