package network.aioz.gateway.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import network.aioz.gateway.FilterOrder;
import network.aioz.gateway.idempotency.IdempotencyStore.Claim;
import network.aioz.gateway.identity.Caller;
import network.aioz.gateway.identity.RouteAuth;
import network.aioz.gateway.problem.GatewayRejection;
import network.aioz.gateway.support.Blocking;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Makes POST and PATCH with an {@code Idempotency-Key} safe to retry. Keys belong to the caller's
 * tenant. The request (method, target, content type, body) is fingerprinted; the first request
 * claims the key and runs; its response (status, headers, body) is stored before the client sees
 * it, so a retry that arrives after the answer always gets the same answer ({@code
 * Idempotent-Replayed: true}). A duplicate while the first still runs gets 409; the key with
 * another request gets 422. When the service gives no answer (unreachable, timeout) the key is
 * released so the retry runs.
 */
class IdempotencyFilter implements GlobalFilter, Ordered {

  static final String REPLAYED_HEADER = "Idempotent-Replayed";

  private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

  /** Not stored: they describe the transfer or this gateway's answer, not the service's. */
  private static final Set<String> TRANSIENT_HEADERS =
      lowerCase(
          HttpHeaders.CONTENT_LENGTH,
          HttpHeaders.TRANSFER_ENCODING,
          HttpHeaders.CONNECTION,
          HttpHeaders.DATE,
          HttpHeaders.SET_COOKIE,
          "Keep-Alive",
          "RateLimit",
          "RateLimit-Policy",
          "X-Request-Id");

  private final IdempotencyStore store;
  private final Blocking blocking;
  private final long maxStoredResponse;

  IdempotencyFilter(IdempotencyStore store, Blocking blocking, IdempotencyProperties properties) {
    this.store = store;
    this.blocking = blocking;
    this.maxStoredResponse = properties.maxStoredResponse().toBytes();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    HttpMethod method = request.getMethod();
    Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
    if ((method != HttpMethod.POST && method != HttpMethod.PATCH)
        || RouteAuth.of(route) == RouteAuth.S3) {
      return chain.filter(exchange);
    }
    List<String> values = request.getHeaders().getOrEmpty(IdempotencyKey.HEADER);
    if (values.isEmpty()) {
      return chain.filter(exchange);
    }
    if (values.size() > 1) {
      return Mono.error(
          GatewayRejection.badRequest(
              "invalid-idempotency-key", "Send one Idempotency-Key header, not several."));
    }
    String key = IdempotencyKey.parse(values.getFirst()).orElseThrow();
    Optional<Caller> caller = Caller.of(exchange);
    if (caller.isEmpty()) {
      return Mono.error(
          GatewayRejection.badRequest(
              "idempotency-key-needs-credential",
              "Idempotency-Key is kept per tenant, so it needs an authenticated request."));
    }
    String tenant = caller.get().tenantId();
    return DataBufferUtils.join(request.getBody())
        .map(
            buffer -> {
              byte[] bytes = new byte[buffer.readableByteCount()];
              buffer.read(bytes);
              DataBufferUtils.release(buffer);
              return bytes;
            })
        .defaultIfEmpty(new byte[0])
        .flatMap(
            body -> {
              String fingerprint = fingerprint(request, body);
              return blocking
                  .call(() -> store.claim(tenant, key, fingerprint))
                  .flatMap(claim -> act(claim, exchange, chain, tenant, key, body));
            });
  }

  private Mono<Void> act(
      Claim claim,
      ServerWebExchange exchange,
      GatewayFilterChain chain,
      String tenant,
      String key,
      byte[] body) {
    return switch (claim) {
      case Claim.Granted granted -> forward(exchange, chain, tenant, key, granted.owner(), body);
      case Claim.Replay replay -> replay(exchange.getResponse(), replay);
      case Claim.Mismatch mismatch ->
          Mono.error(
              new GatewayRejection(
                  HttpStatus.UNPROCESSABLE_CONTENT,
                  "idempotency-key-reused",
                  "Idempotency key reused",
                  "This Idempotency-Key was already used with a different request; use a new key"
                      + " for a new request."));
      default ->
          Mono.error(
              new GatewayRejection(
                  HttpStatus.CONFLICT,
                  "idempotency-request-in-progress",
                  "Request in progress",
                  "A request with this Idempotency-Key is still being processed; retry later."));
    };
  }

  private Mono<Void> forward(
      ServerWebExchange exchange,
      GatewayFilterChain chain,
      String tenant,
      String key,
      UUID owner,
      byte[] body) {
    ServerHttpRequest request =
        new ServerHttpRequestDecorator(exchange.getRequest()) {
          @Override
          public Flux<DataBuffer> getBody() {
            return Flux.defer(
                () -> Flux.just(exchange.getResponse().bufferFactory().wrap(body.clone())));
          }
        };
    Recording response = new Recording(exchange.getResponse(), tenant, key, owner);
    return chain
        .filter(exchange.mutate().request(request).response(response).build())
        .onErrorResume(
            error -> {
              if (!response.settled) {
                response.settled = true;
                return release(tenant, key, owner).then(Mono.error(error));
              }
              return Mono.error(error);
            });
  }

  /** Frees the key for a retry; a failure only means the retry waits for the lease to end. */
  private Mono<Boolean> release(String tenant, String key, UUID owner) {
    return blocking
        .call(
            () -> {
              store.release(tenant, key, owner);
              return true;
            })
        .onErrorResume(e -> Mono.just(false));
  }

  private static Mono<Void> replay(ServerHttpResponse response, Claim.Replay replay) {
    response.setStatusCode(HttpStatusCode.valueOf(replay.status()));
    HttpHeaders headers = response.getHeaders();
    replay.headers().forEach(headers::put);
    headers.set(REPLAYED_HEADER, "true");
    byte[] body = replay.body() == null ? new byte[0] : replay.body();
    headers.setContentLength(body.length);
    return body.length == 0
        ? response.setComplete()
        : response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }

  /** Stores the service's response before passing it on. */
  private final class Recording extends ServerHttpResponseDecorator {

    private final String tenant;
    private final String key;
    private final UUID owner;
    volatile boolean settled;

    Recording(ServerHttpResponse delegate, String tenant, String key, UUID owner) {
      super(delegate);
      this.tenant = tenant;
      this.key = key;
      this.owner = owner;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
      return DataBufferUtils.join(
              Flux.from(body), (int) Math.min(Integer.MAX_VALUE, maxStoredResponse))
          .map(
              buffer -> {
                byte[] bytes = new byte[buffer.readableByteCount()];
                buffer.read(bytes);
                DataBufferUtils.release(buffer);
                return bytes;
              })
          .defaultIfEmpty(new byte[0])
          .flatMap(bytes -> store(bytes).then(write(bytes)))
          .onErrorResume(
              DataBufferLimitException.class,
              tooLarge -> {
                log.info(
                    "response to idempotent request too large to store; key released for retry");
                settled = true;
                return release(tenant, key, owner)
                    .then(
                        Mono.error(
                            new GatewayRejection(
                                HttpStatus.BAD_GATEWAY,
                                "response-too-large-to-keep",
                                "Response too large to keep",
                                "The service's answer to this idempotent request is larger than"
                                    + " the gateway stores for replay; retry without"
                                    + " Idempotency-Key or ask for a smaller answer.")));
              });
    }

    @Override
    public Mono<Void> setComplete() {
      if (settled) {
        return super.setComplete();
      }
      return store(new byte[0]).then(super.setComplete());
    }

    private Mono<Void> write(byte[] bytes) {
      return bytes.length == 0
          ? super.setComplete()
          : super.writeWith(Mono.just(bufferFactory().wrap(bytes)));
    }

    private Mono<Void> store(byte[] bytes) {
      if (settled) {
        return Mono.empty();
      }
      settled = true;
      if (getHeaders().getCacheControl() != null
          && getHeaders()
              .getCacheControl()
              .toLowerCase(java.util.Locale.ROOT)
              .contains("no-store")) {
        // A response that carries a secret shown once (a new API key, an S3 secret) is never
        // written down here; the key is released, so a retry runs again.
        return release(tenant, key, owner).then();
      }
      HttpStatusCode status = getStatusCode() == null ? HttpStatus.OK : getStatusCode();
      Map<String, List<String>> kept = new LinkedHashMap<>();
      getHeaders()
          .forEach(
              (name, values) -> {
                if (!TRANSIENT_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                  kept.put(name, List.copyOf(values));
                }
              });
      return blocking
          .call(
              () -> {
                store.complete(tenant, key, owner, status.value(), kept, bytes);
                return true;
              })
          .onErrorResume(
              e -> {
                // The answer still goes out; a retry will then find the key in flight (409) until
                // the lease ends, rather than run twice.
                log.warn("could not store an idempotent response: {}", e.toString());
                return Mono.just(false);
              })
          .then();
    }
  }

  private static String fingerprint(ServerHttpRequest request, byte[] body) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      String head =
          request.getMethod().name()
              + "\n"
              + request.getURI().getRawPath()
              + "?"
              + Optional.ofNullable(request.getURI().getRawQuery()).orElse("")
              + "\n"
              + Optional.ofNullable(request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE))
                  .orElse("")
              + "\n";
      sha256.update(head.getBytes(StandardCharsets.UTF_8));
      sha256.update(body);
      return HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static Set<String> lowerCase(String... names) {
    Set<String> set = new TreeSet<>();
    for (String name : names) {
      set.add(name.toLowerCase(java.util.Locale.ROOT));
    }
    return Set.copyOf(set);
  }

  @Override
  public int getOrder() {
    return FilterOrder.IDEMPOTENCY;
  }
}
