package network.aioz.gateway.limits;

import java.util.concurrent.atomic.AtomicLong;
import network.aioz.gateway.FilterOrder;
import network.aioz.gateway.s3.S3Traffic;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.PayloadTooLargeException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses bodies over the configured size: up front when Content-Length says so, and while
 * streaming for chunked bodies, which declare no length. S3 traffic is exempt: objects are up to 5
 * GiB per request, stream through without buffering, and storage-service enforces S3's own limits.
 */
@Component
class RequestSizeFilter implements WebFilter, Ordered {

  private final long maxBytes;

  RequestSizeFilter(RequestLimitsProperties properties) {
    this.maxBytes = properties.maxRequestSize().toBytes();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    if (S3Traffic.matches(request)) {
      return chain.filter(exchange);
    }
    long declared = request.getHeaders().getContentLength();
    if (declared > maxBytes) {
      return Mono.error(tooLarge());
    }
    if (declared >= 0) {
      // The server never delivers more bytes than the declared length.
      return chain.filter(exchange);
    }
    return chain.filter(exchange.mutate().request(new CountingRequest(request)).build());
  }

  private PayloadTooLargeException tooLarge() {
    return new PayloadTooLargeException(
        new IllegalStateException("request body exceeds " + maxBytes + " bytes"));
  }

  @Override
  public int getOrder() {
    return FilterOrder.REQUEST_SIZE;
  }

  private final class CountingRequest extends ServerHttpRequestDecorator {

    CountingRequest(ServerHttpRequest delegate) {
      super(delegate);
    }

    @Override
    public Flux<DataBuffer> getBody() {
      AtomicLong seen = new AtomicLong();
      return super.getBody()
          .handle(
              (buffer, sink) -> {
                if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                  DataBufferUtils.release(buffer);
                  sink.error(tooLarge());
                } else {
                  sink.next(buffer);
                }
              });
    }
  }
}
