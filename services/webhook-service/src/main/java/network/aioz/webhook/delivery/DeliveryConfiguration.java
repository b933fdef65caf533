package network.aioz.webhook.delivery;

import java.security.SecureRandom;
import java.time.Clock;
import network.aioz.webhook.ssrf.SafeDnsResolver;
import network.aioz.webhook.support.WebhookProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

  @Bean(destroyMethod = "close")
  Sender sender(SafeDnsResolver resolver, WebhookProperties properties, Clock clock) {
    return new Sender(
        DeliveryClient.build(resolver, properties.delivery()),
        properties.delivery().timeout(),
        clock);
  }

  @Bean
  RetryPolicy retryPolicy(WebhookProperties properties) {
    return new RetryPolicy(properties.delivery(), new SecureRandom());
  }
}
