package network.aioz.billing;

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

/** Points the service at the shared PostgreSQL and Kafka and gives tests the gateway's key. */
public class BillingTestInfra
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  static final KeyPair GATEWAY_KEYS = PemKeys.generateP256();

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "billing-test-infra",
                SharedInfra.springProperties(
                    "billing_it",
                    Map.of(
                        "spring.datasource.url",
                        SharedInfra.database("billing_it") + "?reWriteBatchedInserts=true",
                        "platform.identity.public-key",
                        PemKeys.toPem((ECPublicKey) GATEWAY_KEYS.getPublic()),
                        "billing.dev.top-ups-enabled",
                        "true",
                        // tests close periods of their own choosing: SupplyIntegrationTests owns
                        // the
                        // supply chain here, and the simulation checks the wiring on its own
                        // database
                        "billing.supply.settle-on-close",
                        "false"))));
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
