package network.aioz.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to start a local stack.
 *
 * @param dataDir where every component keeps its data, logs and keys
 * @param edges how many edge nodes to run
 * @param freePorts pick free ports instead of the well-known ones (tests, next to a developer's
 *     running stack)
 * @param fresh wipe the data directory first
 * @param appsDir where ledger-service.jar, storage-service.jar, proof-service.jar, gateway.jar and
 *     edge-node.jar are; null: find {@code local-stack/target/apps}
 * @param env extra environment per service name ("ledger-service", "storage-service",
 *     "proof-service", "gateway", "edge"), winning over the stack's own settings
 * @param readyTimeout how long each component may take to become ready
 * @param launchedAt the instant "ready in" is measured from
 * @param progress where progress lines go
 */
public record LocalStackOptions(
    Path dataDir,
    int edges,
    boolean freePorts,
    boolean fresh,
    Path appsDir,
    Map<String, Map<String, String>> env,
    Duration readyTimeout,
    Instant launchedAt,
    Consumer<String> progress) {

  public LocalStackOptions {
    Objects.requireNonNull(dataDir, "dataDir");
    if (edges < 0 || edges > 99) {
      throw new IllegalArgumentException("edges must be 0..99: " + edges);
    }
    env = Map.copyOf(env);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults: 14 edges, well-known ports, data kept, 120 s per component, progress to stdout. */
  public static final class Builder {
    private Path dataDir = Path.of(".local-stack");
    private int edges = 14;
    private boolean freePorts;
    private boolean fresh;
    private Path appsDir;
    private final Map<String, Map<String, String>> env = new HashMap<>();
    private Duration readyTimeout = Duration.ofSeconds(120);
    private Instant launchedAt;
    private Consumer<String> progress = System.out::println;

    private Builder() {}

    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    public Builder edges(int edges) {
      this.edges = edges;
      return this;
    }

    public Builder freePorts(boolean freePorts) {
      this.freePorts = freePorts;
      return this;
    }

    public Builder fresh(boolean fresh) {
      this.fresh = fresh;
      return this;
    }

    public Builder appsDir(Path appsDir) {
      this.appsDir = appsDir;
      return this;
    }

    /** Extra environment for one service ("ledger-service", "gateway" or "edge"). */
    public Builder env(String service, Map<String, String> variables) {
      env.merge(
          service,
          Map.copyOf(variables),
          (old, added) -> {
            Map<String, String> merged = new HashMap<>(old);
            merged.putAll(added);
            return Map.copyOf(merged);
          });
      return this;
    }

    public Builder readyTimeout(Duration readyTimeout) {
      this.readyTimeout = readyTimeout;
      return this;
    }

    public Builder launchedAt(Instant launchedAt) {
      this.launchedAt = launchedAt;
      return this;
    }

    public Builder progress(Consumer<String> progress) {
      this.progress = progress;
      return this;
    }

    public LocalStackOptions build() {
      return new LocalStackOptions(
          dataDir.toAbsolutePath().normalize(),
          edges,
          freePorts,
          fresh,
          appsDir,
          env,
          readyTimeout,
          launchedAt == null ? Instant.now() : launchedAt,
          progress);
    }
  }
}
