package network.aioz.gateway.requestid;

import network.aioz.gateway.FilterOrder;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Keeps a well-formed client request id, or replaces it with a fresh one, so a malformed or hostile
 * value never reaches a service or a log; does the same for the W3C {@code traceparent}.
 */
@Component
class RequestIdFilter implements WebFilter, Ordered {

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String incoming = exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER);
    String id = RequestIds.isAcceptable(incoming) ? incoming : RequestIds.generate();
    exchange.getAttributes().put(RequestIds.ATTRIBUTE, id);
    // Set just before commit so that it also wins over an id echoed by the upstream.
    exchange
        .getResponse()
        .beforeCommit(
            () -> {
              exchange.getResponse().getHeaders().set(RequestIds.HEADER, id);
              return Mono.empty();
            });
    ServerHttpRequest forwarded =
        exchange
            .getRequest()
            .mutate()
            .headers(
                headers -> {
                  headers.set(RequestIds.HEADER, id);
                  if (!TraceParent.isValid(headers.getFirst(TraceParent.HEADER))) {
                    headers.set(TraceParent.HEADER, TraceParent.generate());
                    headers.remove(TraceParent.STATE_HEADER);
                  }
                })
            .build();
    return chain.filter(exchange.mutate().request(forwarded).build());
  }

  @Override
  public int getOrder() {
    return FilterOrder.REQUEST_ID;
  }
}
