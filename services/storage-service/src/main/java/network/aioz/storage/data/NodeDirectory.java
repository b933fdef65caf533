package network.aioz.storage.data;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import network.aioz.storage.support.StorageProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the ledger says about edge nodes, refreshed periodically from its public node list: where
 * each node answers now (nodes may move), its status and when it was last heard from (for repair of
 * nodes that stay offline).
 */
@Component
public class NodeDirectory {

  private static final Logger log = LoggerFactory.getLogger(NodeDirectory.class);

  /** One node as the ledger lists it. */
  public record Node(String address, String endpoint, String status, Instant lastHeartbeatAt) {}

  record Page(List<Node> nodes) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final URI ledger;
  private final JsonMapper json =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private volatile Map<String, Node> nodes = Map.of();
  private volatile Instant refreshedAt;

  NodeDirectory(StorageProperties settings) {
    this.ledger = settings.ledgerUrl();
  }

  /** The node's current endpoint, or {@code recorded} when the directory does not know it. */
  public String endpoint(String address, String recorded) {
    Node node = address == null ? null : nodes.get(address.toLowerCase());
    return node == null || node.endpoint() == null ? recorded : node.endpoint();
  }

  public Collection<Node> all() {
    return nodes.values();
  }

  /** When the directory last heard from the ledger, or null. */
  public Instant refreshedAt() {
    return refreshedAt;
  }

  @Scheduled(
      fixedDelayString = "${storage.node-refresh-interval:PT10S}",
      initialDelayString = "PT0S")
  public void refresh() {
    Map<String, Node> fresh = new HashMap<>();
    String after = null;
    try {
      while (true) {
        String query =
            "?limit=1000"
                + (after == null
                    ? ""
                    : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
        HttpResponse<byte[]> response =
            http.send(
                HttpRequest.newBuilder(ledger.resolve("/v1/edges" + query))
                    .timeout(Duration.ofSeconds(10))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
          log.warn("the ledger answered {} to the node list", response.statusCode());
          return;
        }
        List<Node> page = json.readValue(response.body(), Page.class).nodes();
        for (Node n : page) {
          fresh.put(n.address().toLowerCase(), n);
        }
        if (page.size() < 1000) {
          break;
        }
        after = page.getLast().address();
      }
    } catch (IOException e) {
      log.debug("the ledger is unreachable for the node list: {}", e.toString());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    nodes = Map.copyOf(fresh);
    refreshedAt = Instant.now();
  }
}
