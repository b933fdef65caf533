package network.aioz.identity;

import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
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
 * Points the service at the shared PostgreSQL and Kafka, gives it fresh secrets and gives tests the
 * gateway's token key.
 */
public class IdentityTestInfra
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  static final KeyPair GATEWAY_KEYS = PemKeys.generateP256();
  static final KeyPair JWT_KEYS = PemKeys.generateP256();
  static final byte[] MASTER_KEY = new byte[32];

  static {
    new java.security.SecureRandom().nextBytes(MASTER_KEY);
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "identity-test-infra",
                SharedInfra.springProperties(
                    "identity_it",
                    Map.of(
                        "platform.identity.public-key",
                            PemKeys.toPem((ECPublicKey) GATEWAY_KEYS.getPublic()),
                        "identity.jwt.private-key",
                            PemKeys.toPem((ECPrivateKey) JWT_KEYS.getPrivate()),
                        "identity.s3.master-key",
                            Base64.getEncoder().encodeToString(MASTER_KEY)))));
  }

  /** An internal identity token as the gateway would forward it. */
  static String token(String subject, String tenantId, String authMethod, Set<String> scopes) {
    return new InternalTokenIssuer(
            (ECPrivateKey) GATEWAY_KEYS.getPrivate(),
            InternalTokens.DEFAULT_ISSUER,
            Duration.ofSeconds(60),
            Clock.systemUTC())
        .issue(subject, tenantId, scopes, authMethod);
  }

  /** The token the gateway itself (or the storage service) uses for internal calls. */
  static String serviceToken(String... scopes) {
    return token("gateway", "platform", "service", Set.of(scopes));
  }
}
