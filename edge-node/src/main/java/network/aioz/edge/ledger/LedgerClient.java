package network.aioz.edge.ledger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import network.aioz.edge.support.Json;
import network.aioz.shared.edge.EdgeKeys;
import network.aioz.shared.edge.EdgeRequestSigning;
import org.web3j.crypto.ECKeyPair;

/**
 * Calls the ledger API as this node: every request is signed with the node key over exactly the
 * bytes and the path that are sent.
 */
public final class LedgerClient {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final URI base;
  private final ECKeyPair key;
  private final String address;
  private final Clock clock;
  private final HttpClient http;

  public LedgerClient(URI ledgerUrl, ECKeyPair key, Clock clock) {
    String url = ledgerUrl.toString();
    this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    this.key = key;
    this.address = EdgeKeys.address(key);
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public String address() {
    return address;
  }

  public NodeView register(Registration registration) throws IOException, InterruptedException {
    return send("POST", "/v1/edges", registration, NodeView.class);
  }

  public HeartbeatAck heartbeat(Heartbeat heartbeat) throws IOException, InterruptedException {
    return send("POST", "/v1/edges/" + address + "/heartbeats", heartbeat, HeartbeatAck.class);
  }

  public List<Task> openTasks() throws IOException, InterruptedException {
    return work().tasksOrEmpty();
  }

  /** The node's open tasks and its pending releases. */
  public TaskList work() throws IOException, InterruptedException {
    TaskList list = send("GET", "/v1/edges/" + address + "/tasks", null, TaskList.class);
    return list == null ? new TaskList(List.of(), List.of()) : list;
  }

  /** Confirms that a released piece was dropped. */
  public void acknowledgeRelease(String taskId) throws IOException, InterruptedException {
    send("POST", "/v1/tasks/" + taskId + "/release-ack", null, Map.class);
  }

  public void start(String taskId) throws IOException, InterruptedException {
    send("POST", "/v1/tasks/" + taskId + "/start", null, Map.class);
  }

  public void submit(String taskId, String resultDigest, long units)
      throws IOException, InterruptedException {
    send(
        "POST",
        "/v1/tasks/" + taskId + "/submit",
        Map.of("resultDigest", resultDigest, "units", units),
        Map.class);
  }

  public void fail(String taskId, String reason) throws IOException, InterruptedException {
    send("POST", "/v1/tasks/" + taskId + "/fail", Map.of("reason", reason), Map.class);
  }

  private <T> T send(String method, String path, Object body, Class<T> responseType)
      throws IOException, InterruptedException {
    URI uri = URI.create(base + path);
    byte[] bytes = body == null ? new byte[0] : Json.MAPPER.writeValueAsBytes(body);
    String signedPath =
        uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    EdgeRequestSigning.SignedHeaders signed =
        EdgeRequestSigning.sign(key, method, signedPath, clock.instant().getEpochSecond(), bytes);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json")
            .header(EdgeRequestSigning.ADDRESS_HEADER, signed.address())
            .header(EdgeRequestSigning.TIMESTAMP_HEADER, Long.toString(signed.timestamp()))
            .header(EdgeRequestSigning.SIGNATURE_HEADER, signed.signature());
    if (method.equals("GET")) {
      request.GET();
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
    }
    HttpResponse<byte[]> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() / 100 != 2) {
      throw new LedgerException(
          method, path, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    }
    if (response.body().length == 0) {
      return null;
    }
    return Json.MAPPER.readValue(response.body(), responseType);
  }
}
