package network.aioz.storage.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import network.aioz.edge.EdgeConfig;
import network.aioz.edge.EdgeNode;
import network.aioz.infra.SharedInfra;
import network.aioz.ledger.LedgerApplication;
import network.aioz.shared.identity.PemKeys;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The real neighbours of the storage service, started once per test JVM: the task ledger (its
 * Spring application, on the shared PostgreSQL and Kafka) and {@value #EDGES} edge agents in three
 * regions, each with its own piece directory. Nothing here is a mock.
 */
public final class StorageCluster {

  public static final int EDGES = 16;
  static final KeyPair PLATFORM_KEYS = PemKeys.generateP256();
  private static final String[] REGIONS = {"eu-west", "us-east", "ap-south"};

  private static ConfigurableApplicationContext ledger;
  private static String ledgerUrl;
  private static final List<EdgeNode> edges = Collections.synchronizedList(new ArrayList<>());
  private static final Map<String, String[]> edgeArgs = new HashMap<>();
  private static final Map<String, String> argsKeyOfAddress = new HashMap<>();

  private StorageCluster() {}

  public static synchronized void ensureStarted() {
    if (ledger != null) {
      return;
    }
    Map<String, Object> props = new HashMap<>();
    props.putAll(SharedInfra.springProperties("ledger_storage_it"));
    props.put("spring.kafka.consumer.group-id", "ledger-storage-it");
    props.put("platform.identity.public-key", publicKeyPem());
    props.put("server.port", "0");
    props.put("spring.application.name", "ledger-service");
    props.put("ledger.heartbeat-interval", "PT1S");
    props.put("ledger.task-deadline", "PT10M");
    props.put("spring.threads.virtual.enabled", "true");
    // what the ledger's own application.yml (not on this classpath's first place) turns on
    props.put("spring.mvc.problemdetails.enabled", "true");
    props.put("server.shutdown", "immediate");
    props.put("spring.flyway.locations", "classpath:db/migration");
    ledger =
        new SpringApplicationBuilder(LedgerApplication.class)
            // the storage service's application.yml is first on this classpath: load none
            .properties("spring.config.name=ledger-in-storage-tests")
            .initializers(
                context ->
                    context
                        .getEnvironment()
                        .getPropertySources()
                        .addFirst(new MapPropertySource("ledger-for-storage-it", props)))
            .run();
    String port = ledger.getEnvironment().getProperty("local.server.port");
    ledgerUrl = "http://127.0.0.1:" + port;
    var pool = Executors.newVirtualThreadPerTaskExecutor();
    List<CompletableFuture<Void>> starts = new ArrayList<>();
    for (int i = 0; i < EDGES; i++) {
      int n = i;
      starts.add(CompletableFuture.runAsync(() -> startEdge(n), pool));
    }
    starts.forEach(CompletableFuture::join);
    awaitEdgesListed();
  }

  private static void startEdge(int n) {
    try {
      Path dir = Files.createTempDirectory("storage-it-edge-" + n);
      String[] args = {
        "--ledger-url",
        ledgerUrl,
        "--data-dir",
        dir.toString(),
        "--region",
        REGIONS[n % REGIONS.length],
        "--fault-domain",
        REGIONS[n % REGIONS.length] + "-" + n,
        "--port",
        "0",
        "--quota",
        "4GiB",
        "--poll-interval",
        "200ms",
        "--heartbeat-interval",
        "1s"
      };
      synchronized (edgeArgs) {
        edgeArgs.put(String.valueOf(n), args);
      }
      EdgeNode node = new EdgeNode(EdgeConfig.parse(args, Map.of()), Clock.systemUTC());
      node.start();
      edges.add(node);
      synchronized (edgeArgs) {
        argsKeyOfAddress.put(node.address().toLowerCase(), String.valueOf(n));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void awaitEdgesListed() {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        String body =
            http.send(
                    HttpRequest.newBuilder(URI.create(ledgerUrl + "/v1/edges")).GET().build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        int count = body.split("\"address\"", -1).length - 1;
        if (count >= EDGES) {
          return;
        }
        Thread.sleep(200);
      } catch (IOException e) {
        // not yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException("edges did not all register with the ledger");
  }

  /** The running edge with this address, if any. */
  public static EdgeNode edge(String address) {
    return edges().stream()
        .filter(e -> e.address().equalsIgnoreCase(address))
        .findFirst()
        .orElse(null);
  }

  /** Stops an edge as an operator would (it drains and says goodbye); returns its address. */
  public static String stop(EdgeNode edge) {
    edges.remove(edge);
    edge.close();
    return edge.address();
  }

  /** Starts a stopped edge again with the same key and pieces (on a new port). */
  public static EdgeNode restart(String address) {
    String[] args;
    synchronized (edgeArgs) {
      args = edgeArgs.get(argsKeyOfAddress.get(address.toLowerCase()));
    }
    EdgeNode node = new EdgeNode(EdgeConfig.parse(args, Map.of()), Clock.systemUTC());
    try {
      node.start();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    edges.add(node);
    return node;
  }

  public static String ledgerUrl() {
    ensureStarted();
    return ledgerUrl;
  }

  public static List<EdgeNode> edges() {
    ensureStarted();
    return List.copyOf(edges);
  }

  static String publicKeyPem() {
    return PemKeys.toPem((ECPublicKey) PLATFORM_KEYS.getPublic());
  }

  static String privateKeyPem() {
    return PemKeys.toPem((ECPrivateKey) PLATFORM_KEYS.getPrivate());
  }

  /**
   * Stops the edges and the ledger while Kafka and PostgreSQL are still up (called when the test
   * session ends, before the JVM's shutdown hooks stop the shared infrastructure).
   */
  static synchronized void stopAll() {
    // edges drain for a while when closed: close them all at once
    edges.parallelStream()
        .forEach(
            e -> {
              try {
                e.close();
              } catch (RuntimeException ignored) {
                // shutting down
              }
            });
    edges.clear();
    if (ledger != null) {
      ledger.close();
      ledger = null;
    }
  }
}
