package network.aioz.chain.support;

import java.util.HashMap;
import java.util.Map;
import network.aioz.infra.Anvil;
import network.aioz.infra.SharedInfra;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the shared test context at the JVM's PostgreSQL, Kafka and {@link TestChain#shared()},
 * committing with anvil's first account, polling fast.
 */
public class ChainAdapterTestInfra
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "chain-test-infra",
                properties("chain_it", TestChain.shared(), Anvil.DEV_PRIVATE_KEY)));
  }

  /** A context's settings for {@code chain}, its own database and committer. */
  public static Map<String, Object> properties(String database, TestChain chain, String key) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("chain.rpc-url", chain.rpcUrl());
    settings.put("chain.chain-id", TestChain.CHAIN_ID);
    settings.put("chain.committer-key", key);
    settings.put("chain.contracts.registry", chain.deployed().registry());
    settings.put("chain.contracts.deposits", chain.deployed().deposits());
    settings.put("chain.contracts.rewards", chain.deployed().rewards());
    settings.put("chain.logs.start-block", chain.deployed().startBlock());
    settings.put("chain.poll-interval", "200ms");
    settings.put("chain.fees.replace-after", "PT3S");
    settings.put("chain.reconcile-interval", "PT1H");
    settings.put("platform.outbox.poll-interval", "50ms");
    // at JVM exit the shared PostgreSQL may stop before this context: do not wait 30 s for it
    settings.put("spring.datasource.hikari.connection-timeout", "3000");
    return SharedInfra.springProperties(database, settings);
  }
}
