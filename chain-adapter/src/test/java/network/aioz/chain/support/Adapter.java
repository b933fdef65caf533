package network.aioz.chain.support;

import java.util.HashMap;
import java.util.Map;
import network.aioz.chain.ChainAdapterApplication;
import network.aioz.infra.SharedInfra;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An adapter process of a test's own: its own database, topics and consumer groups (so it meets no
 * other test's events), started and stopped at will — stopping it mid-work is what a crash leaves
 * behind, since everything it knows is in its database.
 */
public final class Adapter implements AutoCloseable {

  private final String database;
  private final Map<String, Object> properties;
  private ConfigurableApplicationContext context;

  private Adapter(String database, Map<String, Object> properties) {
    this.database = database;
    this.properties = properties;
  }

  /**
   * An adapter (not started) for {@code chain}, committing with {@code key}, reading the topics
   * {@code ledger.epoch.<name>} and {@code billing.reward.<name>}.
   */
  public static Adapter of(String name, TestChain chain, String key, Map<String, Object> extra) {
    Map<String, Object> properties =
        new HashMap<>(ChainAdapterTestInfra.properties("chain_" + name, chain, key));
    properties.put("server.port", 0);
    properties.put("chain.topics.epochs", epochsTopic(name));
    properties.put("chain.topics.rewards", rewardsTopic(name));
    properties.put("chain.consumer-group", "chain-" + name);
    properties.put("spring.main.register-shutdown-hook", false);
    properties.putAll(extra);
    return new Adapter("chain_" + name, properties);
  }

  public static String epochsTopic(String name) {
    return "ledger.epoch." + name;
  }

  public static String rewardsTopic(String name) {
    return "billing.reward." + name;
  }

  public Adapter start() {
    // as arguments: they must win over application.yml's defaults, as the environment does
    String[] arguments =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    context =
        new SpringApplicationBuilder(ChainAdapterApplication.class)
            .registerShutdownHook(false)
            .run(arguments);
    return this;
  }

  /** Stops the process where it stands. */
  public void stop() {
    if (context != null) {
      context.close();
      context = null;
    }
  }

  public int port() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  public HealthIndicator health() {
    return context.getBean("chain", HealthIndicator.class);
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** The adapter's database, readable while the adapter is stopped too. */
  public JdbcTemplate jdbc() {
    DriverManagerDataSource data =
        new DriverManagerDataSource(
            SharedInfra.database(database),
            SharedInfra.postgres().username(),
            SharedInfra.postgres().password());
    return new JdbcTemplate(data);
  }

  @Override
  public void close() {
    stop();
  }
}
