package network.aioz.storage.it;

import java.util.HashMap;
import java.util.Map;
import network.aioz.infra.SharedInfra;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the storage service at the shared PostgreSQL and Kafka and at the real ledger and edges of
 * {@link StorageCluster}; small segments so that multi-segment paths run with little data.
 */
public class StorageTestInfra
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  public static final String ACCESS_KEY = "AKIASTORAGETEST00001";
  public static final String SECRET_KEY = "storage-test-secret-key-0000000000000001";
  public static final String OTHER_ACCESS_KEY = "AKIASTORAGETEST00002";
  public static final String OTHER_SECRET_KEY = "storage-test-secret-key-0000000000000002";

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    StorageCluster.ensureStarted();
    Map<String, Object> props = new HashMap<>();
    props.putAll(SharedInfra.springProperties("storage_it"));
    props.put("platform.identity.public-key", StorageCluster.publicKeyPem());
    props.put("platform.identity.private-key", StorageCluster.privateKeyPem());
    props.put("storage.ledger-url", StorageCluster.ledgerUrl());
    // static keys only: identity-service's lookup is tested on its own and end to end
    props.put("storage.identity-url", "");
    props.put("storage.credentials[0].access-key-id", ACCESS_KEY);
    props.put("storage.credentials[0].secret-key", SECRET_KEY);
    props.put("storage.credentials[0].tenant-id", "tenant-a");
    props.put("storage.credentials[1].access-key-id", OTHER_ACCESS_KEY);
    props.put("storage.credentials[1].secret-key", OTHER_SECRET_KEY);
    props.put("storage.credentials[1].tenant-id", "tenant-b");
    // the test tenants are never announced by billing; FundsGateIntegrationTests turns it on
    props.put("storage.funds.enforce", "false");
    props.put("storage.master-keys.k1", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    props.put("storage.active-master-key", "k1");
    props.put("storage.segment-size", "1MB");
    props.put("storage.chunk-size", "16KB");
    props.put("storage.block-size", "4KB");
    props.put("storage.inline-threshold", "4KB");
    props.put("storage.piece-timeout", "PT10S");
    props.put("server.shutdown", "immediate");
    props.put("storage.repair-interval", "PT0.5S");
    props.put("storage.housekeeping-interval", "PT1S");
    props.put("storage.node-refresh-interval", "PT1S");
    props.put("storage.offline-repair-after", "PT8S");
    props.put("spring.lifecycle.timeout-per-shutdown-phase", "5s");
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(new MapPropertySource("storage-test-infra", props));
  }
}
