package network.aioz.gateway.s3;

import java.net.URI;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Forwards the request target exactly as the client sent it. The gateway builds the upstream URL
 * with {@code UriComponentsBuilder}, which collapses {@code //} in paths; S3 keys may contain it,
 * and SigV4 signs the path as sent, so the URL is rebuilt here from the raw path and query, after
 * {@link RouteToRequestUrlFilter} and before the request leaves.
 */
final class RawTarget implements GatewayFilter {

  static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;

  private final URI upstream;

  RawTarget(URI upstream) {
    this.upstream = upstream;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    URI received = exchange.getRequest().getURI();
    String query = received.getRawQuery();
    URI target =
        URI.create(
            upstream.getScheme()
                + "://"
                + upstream.getRawAuthority()
                + received.getRawPath()
                + (query == null ? "" : "?" + query));
    exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, target);
    return chain.filter(exchange);
  }
}
