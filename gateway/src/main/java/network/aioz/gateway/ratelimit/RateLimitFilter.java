package network.aioz.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import network.aioz.gateway.FilterOrder;
import network.aioz.gateway.identity.Caller;
import network.aioz.gateway.identity.RouteAuth;
import network.aioz.gateway.problem.GatewayRejection;
import network.aioz.gateway.ratelimit.TokenBuckets.Bucket;
import network.aioz.gateway.ratelimit.TokenBuckets.BucketState;
import network.aioz.gateway.s3.S3Traffic;
import network.aioz.gateway.support.Blocking;
import network.aioz.shared.edge.EdgeRequestSigning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Takes a token from every bucket a request counts against — its tenant and its credential, or its
 * client address when it has none; S3 requests count against their access key and edges' signed
 * calls against their edge address (both claimed; the owning service checks the signature) — and
 * refuses with 429 and {@code Retry-After} when any bucket is empty. Tokens come from this
 * replica's {@link Leases} when it holds some, else from the shared buckets in the database. Every
 * answer carries the {@code RateLimit-Policy} and {@code RateLimit} fields of
 * draft-ietf-httpapi-ratelimit-headers. If the database cannot be reached the request goes through
 * unlimited (and is logged): an outage of the limiter must not become an outage of the platform.
 */
class RateLimitFilter implements GlobalFilter, Ordered {

  static final String POLICY_HEADER = "RateLimit-Policy";
  static final String STATE_HEADER = "RateLimit";

  private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
  private static final Pattern EDGE_ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

  private final Leases leases;
  private final RateLimitProperties properties;
  private final Blocking blocking;

  RateLimitFilter(Leases leases, RateLimitProperties properties, Blocking blocking) {
    this.leases = leases;
    this.properties = properties;
    this.blocking = blocking;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    if (!properties.enabled()) {
      return chain.filter(exchange);
    }
    List<Bucket> wanted = bucketsOf(exchange);
    Optional<List<BucketState>> spent = leases.spendLocally(wanted);
    Mono<List<BucketState>> taken =
        spent.isPresent() ? Mono.just(spent.get()) : blocking.call(() -> leases.take(wanted));
    return taken
        .map(Optional::of)
        .onErrorResume(
            e -> {
              log.warn("rate limiter unavailable, request not limited: {}", e.toString());
              return Mono.just(Optional.empty());
            })
        .flatMap(
            states -> {
              if (states.isEmpty()) {
                return chain.filter(exchange);
              }
              HttpHeaders announced = headers(states.get());
              List<BucketState> refused = states.get().stream().filter(s -> !s.allowed()).toList();
              if (!refused.isEmpty()) {
                long retryAfter =
                    refused.stream().mapToLong(BucketState::retryAfterSeconds).max().orElse(1);
                HttpHeaders headers = new HttpHeaders();
                headers.addAll(announced);
                headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
                return Mono.error(
                    new GatewayRejection(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "rate-limited",
                        "Too many requests",
                        "The "
                            + refused.getFirst().bucket().name()
                            + " rate limit is used up; retry after "
                            + retryAfter
                            + " s.",
                        headers));
              }
              exchange
                  .getResponse()
                  .beforeCommit(
                      () -> {
                        exchange.getResponse().getHeaders().putAll(announced);
                        return Mono.empty();
                      });
              return chain.filter(exchange);
            });
  }

  private List<Bucket> bucketsOf(ServerWebExchange exchange) {
    Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
    List<Bucket> wanted = new ArrayList<>(2);
    Optional<Caller> caller = Caller.of(exchange);
    if (caller.isPresent()) {
      wanted.add(new Bucket("tenant", "t:" + caller.get().tenantId(), properties.tenant()));
      wanted.add(new Bucket("key", "k:" + caller.get().credentialId(), properties.key()));
      return wanted;
    }
    if (RouteAuth.of(route) == RouteAuth.S3) {
      Optional<String> accessKey = S3Traffic.accessKeyId(exchange.getRequest());
      if (accessKey.isPresent()) {
        wanted.add(new Bucket("key", "s3:" + accessKey.get(), properties.key()));
        return wanted;
      }
    }
    String edge = exchange.getRequest().getHeaders().getFirst(EdgeRequestSigning.ADDRESS_HEADER);
    if (edge != null && EDGE_ADDRESS.matcher(edge).matches()) {
      // an edge's signed call (the ledger checks the signature): its own bucket, not its address's
      wanted.add(new Bucket("edge", "e:" + edge.toLowerCase(Locale.ROOT), properties.edge()));
      return wanted;
    }
    InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
    String client =
        remote == null || remote.getAddress() == null
            ? "unknown"
            : remote.getAddress().getHostAddress();
    wanted.add(new Bucket("anonymous", "ip:" + client, properties.anonymous()));
    return wanted;
  }

  /** {@code "tenant";q=1200;w=6, "key";q=600;w=6} and {@code "tenant";r=1187;t=1, ...}. */
  static HttpHeaders headers(List<BucketState> states) {
    StringBuilder policies = new StringBuilder();
    StringBuilder limits = new StringBuilder();
    for (BucketState state : states) {
      Bucket bucket = state.bucket();
      if (!policies.isEmpty()) {
        policies.append(", ");
        limits.append(", ");
      }
      policies
          .append('"')
          .append(bucket.name())
          .append("\";q=")
          .append(bucket.policy().capacity())
          .append(";w=")
          .append(bucket.policy().windowSeconds());
      limits
          .append('"')
          .append(bucket.name())
          .append("\";r=")
          .append(state.remaining())
          .append(";t=")
          .append(state.resetSeconds());
    }
    HttpHeaders headers = new HttpHeaders();
    headers.set(POLICY_HEADER, policies.toString());
    headers.set(STATE_HEADER, limits.toString());
    return headers;
  }

  @Override
  public int getOrder() {
    return FilterOrder.RATE_LIMIT;
  }
}
