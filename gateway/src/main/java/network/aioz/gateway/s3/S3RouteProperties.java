package network.aioz.gateway.s3;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where S3 traffic goes.
 *
 * @param uri base URI of storage-service's S3 listener
 * @param connectTimeout connect timeout to storage-service
 * @param responseTimeout time from sending the request until the response headers; zero or negative
 *     disables it, the default, because the clock starts before the body is sent and a
 *     multi-gigabyte upload must not be cut off
 */
@ConfigurationProperties("gateway.s3")
record S3RouteProperties(
    @DefaultValue("http://localhost:8082") URI uri,
    @DefaultValue("2s") Duration connectTimeout,
    @DefaultValue("0s") Duration responseTimeout) {}
