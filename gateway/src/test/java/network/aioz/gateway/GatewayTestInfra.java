package network.aioz.gateway;

import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import network.aioz.infra.SharedInfra;
import network.aioz.shared.identity.InternalTokenVerifier;
import network.aioz.shared.identity.InternalTokens;
import network.aioz.shared.identity.PemKeys;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every gateway under test the shared PostgreSQL (its rate-limit and idempotency tables) and
 * the internal-token signing key, whose public half tests verify forwarded tokens with.
 */
public class GatewayTestInfra
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  static final KeyPair IDENTITY_KEYS = PemKeys.generateP256();
  static final String DATABASE = "gateway_it";

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(new MapPropertySource("gateway-test-infra", properties()));
  }

  static Map<String, Object> properties() {
    return Map.of(
        "spring.datasource.url", SharedInfra.database(DATABASE),
        "spring.datasource.username", SharedInfra.postgres().username(),
        "spring.datasource.password", SharedInfra.postgres().password(),
        "gateway.identity.private-key", privateKeyPem());
  }

  static String privateKeyPem() {
    return PemKeys.toPem((ECPrivateKey) IDENTITY_KEYS.getPrivate());
  }

  static String publicKeyPem() {
    return PemKeys.toPem((ECPublicKey) IDENTITY_KEYS.getPublic());
  }

  /** What a service does with the token the gateway forwards. */
  static InternalTokenVerifier verifier() {
    return new InternalTokenVerifier(
        (ECPublicKey) IDENTITY_KEYS.getPublic(),
        InternalTokens.DEFAULT_ISSUER,
        Duration.ofSeconds(5),
        Clock.systemUTC());
  }
}
