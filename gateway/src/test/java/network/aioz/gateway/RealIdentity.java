package network.aioz.gateway;

import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import network.aioz.identity.IdentityApplication;
import network.aioz.infra.SharedInfra;
import network.aioz.shared.identity.PemKeys;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real identity-service, started once per test JVM on a random port (its own settings file, the
 * shared PostgreSQL and Kafka), trusting the gateway-under-test's token key.
 */
public final class RealIdentity {

  private static ConfigurableApplicationContext context;

  private RealIdentity() {}

  static synchronized String uri() {
    if (context == null) {
      byte[] master = new byte[32];
      new SecureRandom().nextBytes(master);
      Map<String, Object> properties = new HashMap<>();
      properties.put("spring.config.location", "classpath:/identity-in-gateway-tests.yml");
      properties.putAll(SharedInfra.springProperties("identity_gw"));
      properties.put("platform.identity.public-key", GatewayTestInfra.publicKeyPem());
      properties.put(
          "identity.jwt.private-key",
          PemKeys.toPem((ECPrivateKey) PemKeys.generateP256().getPrivate()));
      properties.put("identity.s3.master-key", Base64.getEncoder().encodeToString(master));
      context =
          new SpringApplicationBuilder(IdentityApplication.class)
              .properties(properties)
              // closed by the launcher session listener below, while Kafka and PostgreSQL still run
              .registerShutdownHook(false)
              .run();
    }
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    return "http://127.0.0.1:" + port;
  }

  static synchronized void close() {
    if (context != null) {
      context.close();
      context = null;
    }
  }

  /**
   * Stops identity-service when the test run ends, before the JVM's shutdown hooks stop the shared
   * broker and database it is still connected to (closing it after them hangs for half a minute).
   */
  public static final class Closer implements LauncherSessionListener {
    @Override
    public void launcherSessionClosed(LauncherSession session) {
      close();
    }
  }
}
