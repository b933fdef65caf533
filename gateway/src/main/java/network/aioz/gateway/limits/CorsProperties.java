package network.aioz.gateway.limits;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cross-origin access to the platform API, for the web console.
 *
 * @param allowedOrigins exact origins (scheme, host, port), e.g. {@code
 *     https://console.aioz.network}
 */
@ConfigurationProperties("gateway.cors")
public record CorsProperties(
    @DefaultValue List<String> allowedOrigins, @DefaultValue("10m") Duration maxAge) {}
