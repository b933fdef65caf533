package network.aioz.webhook;

import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import network.aioz.infra.SharedInfra;
import network.aioz.shared.identity.InternalTokenIssuer;
import network.aioz.shared.identity.InternalTokens;
import network.aioz.shared.identity.PemKeys;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the service at the shared PostgreSQL and Kafka and gives tests the gateway's token key.
 */
public class WebhookTestInfra
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  static final KeyPair GATEWAY_KEYS = PemKeys.generateP256();

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "webhook-test-infra",
                SharedInfra.springProperties(
                    "webhook_it",
                    Map.of(
                        "platform.identity.public-key",
                            PemKeys.toPem((ECPublicKey) GATEWAY_KEYS.getPublic()),
                        "webhook.secrets-key",
                            java.util.Base64.getEncoder().encodeToString(new byte[32])))));
  }

  /** An internal identity token for a tenant, as the gateway would forward it. */
  public static String token(String tenantId, String... scopes) {
    return new InternalTokenIssuer(
            (ECPrivateKey) GATEWAY_KEYS.getPrivate(),
            InternalTokens.DEFAULT_ISSUER,
            Duration.ofSeconds(60),
            Clock.systemUTC())
        .issue("key-" + tenantId, tenantId, Set.of(scopes), "api-key");
  }
}
