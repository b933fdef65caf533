package network.aioz.ledger.assignment;

import java.util.Set;

/** Builds node snapshots for tests: a roomy, idle, reputable, active storage node by default. */
final class TestNode {

  private final String id;
  private String region = "eu";
  private String faultDomain = "eu-fd0";
  private long storageBytes = 1L << 40;
  private long freeBytes = 1L << 40;
  private long bandwidthBps = 1_000_000_000L;
  private Set<String> codecs = Set.of();
  private Set<String> runtimes = Set.of();
  private Set<String> models = Set.of();
  private int gpus;
  private int running;
  private int maxTasks = 1_000;
  private double reputation = 1.0;
  private Eligibility eligibility = Eligibility.ACTIVE;

  private TestNode(String id) {
    this.id = id;
  }

  static TestNode node(String id) {
    return new TestNode(id);
  }

  TestNode in(String region, String faultDomain) {
    this.region = region;
    this.faultDomain = faultDomain;
    return this;
  }

  TestNode free(long bytes) {
    this.freeBytes = bytes;
    this.storageBytes = Math.max(storageBytes, bytes);
    return this;
  }

  TestNode bandwidth(long bps) {
    this.bandwidthBps = bps;
    return this;
  }

  TestNode codecs(String... codecs) {
    this.codecs = Set.of(codecs);
    return this;
  }

  TestNode inference(String runtime, String model, int gpus) {
    this.runtimes = Set.of(runtime);
    this.models = Set.of(model);
    this.gpus = gpus;
    return this;
  }

  TestNode tasks(int running, int max) {
    this.running = running;
    this.maxTasks = max;
    return this;
  }

  TestNode reputation(double reputation) {
    this.reputation = reputation;
    return this;
  }

  TestNode vetting() {
    this.eligibility = Eligibility.VETTING;
    return this;
  }

  NodeSnapshot build() {
    return new NodeSnapshot(
        id,
        region,
        faultDomain,
        new NodeCapabilities(storageBytes, bandwidthBps, codecs, runtimes, models, 4, gpus),
        freeBytes,
        running,
        maxTasks,
        reputation,
        eligibility);
  }
}
