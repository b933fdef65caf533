package network.aioz.billing.simulation;

import java.security.interfaces.ECPublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import network.aioz.billing.BillingApplication;
import network.aioz.infra.MutableClock;
import network.aioz.infra.SharedInfra;
import network.aioz.shared.identity.PemKeys;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One billing-service process of the simulation: the real application (no web server, no scheduled
 * jobs, no Kafka listeners — the simulation calls every job itself, in its own order) on the
 * simulation's own database and clock. Stopping it and starting another on the same database is a
 * process crash and restart: everything in memory is gone.
 */
final class BillingProcess implements AutoCloseable {

  private final ConfigurableApplicationContext context;

  BillingProcess(String database, MutableClock clock, Map<String, Object> extra) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("billing.scheduling.enabled", "false");
    properties.put("spring.kafka.listener.auto-startup", "false");
    properties.put("spring.datasource.hikari.connection-timeout", "3000");
    properties.put("spring.main.banner-mode", "off");
    properties.put("server.port", "0");
    properties.put(
        "platform.identity.public-key",
        PemKeys.toPem((ECPublicKey) PemKeys.generateP256().getPublic()));
    properties.put("logging.level.root", "WARN");
    properties.putAll(extra);
    context =
        new SpringApplicationBuilder(BillingApplication.class)
            .web(WebApplicationType.SERVLET)
            .initializers(c -> c.getBeanFactory().registerSingleton("clock", clock))
            // as arguments: they must outrank application.yml, which default properties do not
            .run(
                SharedInfra.springProperties(database, properties).entrySet().stream()
                    .map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new));
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  <T> T beanOr(Class<T> type, T fallback) {
    return context.getBeanProvider(type).getIfAvailable(() -> fallback);
  }

  @Override
  public void close() {
    context.close();
  }
}
