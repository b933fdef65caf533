package network.aioz.ledger;

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

/** Points the ledger at the shared PostgreSQL and Kafka and gives tests the gateway's token key. */
public class LedgerTestInfra
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  static final KeyPair GATEWAY_KEYS = PemKeys.generateP256();

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "ledger-test-infra",
                SharedInfra.springProperties(
                    "ledger_it",
                    Map.of(
                        "platform.identity.public-key",
                        PemKeys.toPem((ECPublicKey) GATEWAY_KEYS.getPublic())))));
  }

  /** An internal identity token as the gateway would forward it. */
  public static String serviceToken(String... scopes) {
    return new InternalTokenIssuer(
            (ECPrivateKey) GATEWAY_KEYS.getPrivate(),
            InternalTokens.DEFAULT_ISSUER,
            Duration.ofSeconds(60),
            Clock.systemUTC())
        .issue("storage-service", "platform", Set.of(scopes), "service");
  }
}
