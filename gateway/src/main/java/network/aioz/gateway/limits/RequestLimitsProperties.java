package network.aioz.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Request limits.
 *
 * @param maxRequestSize largest request body accepted, by declared length or by bytes streamed
 */
@ConfigurationProperties("gateway.limits")
record RequestLimitsProperties(@DefaultValue("16MB") DataSize maxRequestSize) {

  RequestLimitsProperties {
    if (maxRequestSize.isNegative()) {
      throw new IllegalArgumentException("gateway.limits.max-request-size must not be negative");
    }
  }
}
