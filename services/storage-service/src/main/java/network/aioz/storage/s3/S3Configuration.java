package network.aioz.storage.s3;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import network.aioz.storage.s3.auth.Credential;
import network.aioz.storage.s3.auth.CredentialLookup;
import network.aioz.storage.s3.auth.IdentityCredentials;
import network.aioz.storage.s3.auth.SigV4Authenticator;
import network.aioz.storage.support.ServiceTokens;
import network.aioz.storage.support.StorageProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class S3Configuration {

  /**
   * Tenants' access keys from identity-service; static keys from configuration (tests, bootstrap)
   * are consulted first and shadow nothing in production, where there are none.
   */
  @Bean
  CredentialLookup credentialLookup(
      StorageProperties settings, ServiceTokens tokens, JsonMapper json, Clock clock) {
    Map<String, Credential> byId =
        settings.credentials().stream()
            .map(c -> new Credential(c.accessKeyId(), c.secretKey(), c.tenantId()))
            .collect(Collectors.toUnmodifiableMap(Credential::accessKeyId, Function.identity()));
    CredentialLookup configured = id -> Optional.ofNullable(byId.get(id));
    if (settings.identityUrl() == null) {
      return configured;
    }
    IdentityCredentials identity =
        new IdentityCredentials(
            settings.identityUrl(), tokens::current, settings.credentialCacheTtl(), json, clock);
    return id -> configured.find(id).or(() -> identity.find(id));
  }

  @Bean
  SigV4Authenticator sigV4Authenticator(
      CredentialLookup credentials, StorageProperties settings, Clock clock) {
    return new SigV4Authenticator(credentials, Set.of(settings.region()), clock);
  }

  /**
   * S3 keys may hold characters Tomcat refuses in URLs by default, and encoded slashes that must
   * reach us undecoded; header sections up to 64 KiB are accepted so that oversized ones get S3's
   * own error rather than a bare 400.
   */
  @Bean
  TomcatConnectorCustomizer s3Urls() {
    return connector -> {
      connector.setProperty("relaxedPathChars", "\"<>[\\]^`{|}");
      connector.setProperty("relaxedQueryChars", "\"<>[\\]^`{|}");
      connector.setEncodedSolidusHandling("passthrough");
      connector.setProperty("maxHttpRequestHeaderSize", "65536");
      connector.setProperty("rejectSuspiciousURIs", "false");
      connector.setAllowBackslash(true);
    };
  }
}
