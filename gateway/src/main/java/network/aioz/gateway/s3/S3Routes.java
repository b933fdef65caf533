package network.aioz.gateway.s3;

import network.aioz.gateway.identity.RouteAuth;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The storage-service route. It wins over every path route, since a signed request for bucket
 * {@code v1} looks like a platform path. SigV4 signs the Host header and the raw path and query, so
 * the Host is preserved and the URI is forwarded as received; bodies stream through.
 */
@Configuration(proxyBeanMethods = false)
class S3Routes {

  static final String ROUTE_ID = "storage-service-s3";

  @Bean
  RouteLocator s3Route(RouteLocatorBuilder routes, S3RouteProperties properties) {
    long responseTimeoutMs =
        properties.responseTimeout().isPositive() ? properties.responseTimeout().toMillis() : -1;
    return routes
        .routes()
        .route(
            ROUTE_ID,
            route ->
                route
                    .order(Ordered.HIGHEST_PRECEDENCE)
                    .predicate(exchange -> S3Traffic.matches(exchange.getRequest()))
                    .filters(
                        filters ->
                            filters
                                .preserveHostHeader()
                                .filter(new PreflightRestore())
                                .filter(new RawTarget(properties.uri()), RawTarget.ORDER))
                    .metadata(RouteAuth.METADATA, "s3")
                    .metadata("connect-timeout", (int) properties.connectTimeout().toMillis())
                    .metadata("response-timeout", responseTimeoutMs)
                    .uri(properties.uri()))
        .build();
  }
}
