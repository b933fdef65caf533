package network.aioz.webhook.ssrf;

import network.aioz.webhook.support.WebhookProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SsrfConfiguration {

  @Bean
  AddressPolicy addressPolicy(WebhookProperties properties) {
    return new AddressPolicy(properties.delivery().allowLoopback());
  }

  @Bean
  SafeDnsResolver safeDnsResolver(ObjectProvider<HostResolver> resolver, AddressPolicy policy) {
    return new SafeDnsResolver(resolver.getIfAvailable(() -> HostResolver.SYSTEM), policy);
  }

  @Bean
  UrlPolicy urlPolicy(
      WebhookProperties properties, ObjectProvider<HostResolver> resolver, AddressPolicy policy) {
    return new UrlPolicy(
        properties.delivery().allowHttp(),
        resolver.getIfAvailable(() -> HostResolver.SYSTEM),
        policy);
  }
}
