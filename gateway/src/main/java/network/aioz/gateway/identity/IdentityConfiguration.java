package network.aioz.gateway.identity;

import java.time.Clock;
import network.aioz.shared.identity.InternalTokenIssuer;
import network.aioz.shared.identity.PemKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

  @Bean
  InternalTokenIssuer internalTokenIssuer(IdentityProperties properties, Clock clock) {
    if (properties.privateKey() == null || properties.privateKey().isBlank()) {
      throw new IllegalStateException(
          "gateway.identity.private-key (env PLATFORM_IDENTITY_PRIVATE_KEY) must hold the P-256"
              + " private key PEM that signs internal identity tokens");
    }
    return new InternalTokenIssuer(
        PemKeys.privateKey(properties.privateKey()),
        properties.issuer(),
        properties.tokenLifetime(),
        clock);
  }

  @Bean
  CallerCache callerCache(
      InternalTokenIssuer issuer, IdentityProperties properties, JsonMapper json, Clock clock) {
    IdentityClient client =
        new IdentityClient(
            properties, new ServiceToken(issuer, properties.tokenLifetime(), clock), json);
    return new CallerCache(client::authenticate, issuer, properties, clock);
  }

  @Bean
  AuthenticationFilter authenticationFilter(CallerCache callers) {
    return new AuthenticationFilter(callers);
  }
}
