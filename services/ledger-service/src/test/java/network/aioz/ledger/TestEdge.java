package network.aioz.ledger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import network.aioz.shared.edge.EdgeKeys;
import network.aioz.shared.edge.EdgeRequestSigning;
import org.web3j.crypto.ECKeyPair;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An edge node as a test drives it: its own key, signed requests with exact bytes. */
public final class TestEdge {

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final ECKeyPair key = EdgeKeys.generate();
  final String address = EdgeKeys.address(key);
  final String region;
  final String baseUrl;
  private long sequence;

  TestEdge(String baseUrl, String region) {
    this.baseUrl = baseUrl;
    this.region = region;
  }

  /** A response with its parsed JSON body. */
  public record Reply(int status, JsonNode body, String contentType) {}

  String registration(String codecs) {
    return """
        {"address":"%s","region":"%s","faultDomain":"%s-a","endpoint":"http://127.0.0.1:9999/%s",
         "agentVersion":"test","capabilities":{"storageBytes":10000000000,"bandwidthBps":100000000,
         "transcodeCodecs":[%s],"inferenceRuntimes":[],"inferenceModels":[],"cpuCores":2,"gpuCount":0,
         "maxConcurrentTasks":8}}"""
        .formatted(address, region, region, address, codecs);
  }

  Reply register() {
    return post("/v1/edges", registration("\"h264\""));
  }

  Reply heartbeat() {
    return post(
        "/v1/edges/" + address + "/heartbeats",
        "{\"sequence\":"
            + (++sequence)
            + ",\"usedBytes\":0,\"runningTasks\":0,\"draining\":false}");
  }

  /** The node's last heartbeat: it takes no new work (and leaves the shared assignment index). */
  Reply drain() {
    return post(
        "/v1/edges/" + address + "/heartbeats",
        "{\"sequence\":" + (++sequence) + ",\"usedBytes\":0,\"runningTasks\":0,\"draining\":true}");
  }

  Reply heartbeatWithSequence(long seq) {
    return post(
        "/v1/edges/" + address + "/heartbeats",
        "{\"sequence\":" + seq + ",\"usedBytes\":0,\"runningTasks\":0,\"draining\":false}");
  }

  Reply post(String path, String body) {
    return send("POST", path, body.getBytes(StandardCharsets.UTF_8), key, Instant.now());
  }

  Reply get(String path) {
    return send("GET", path, new byte[0], key, Instant.now());
  }

  Reply send(String method, String path, byte[] body, ECKeyPair signer, Instant at) {
    var signed = EdgeRequestSigning.sign(signer, method, path, at.getEpochSecond(), body);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header(EdgeRequestSigning.ADDRESS_HEADER, address)
            .header(EdgeRequestSigning.TIMESTAMP_HEADER, Long.toString(signed.timestamp()))
            .header(EdgeRequestSigning.SIGNATURE_HEADER, signed.signature())
            .header("Content-Type", "application/json");
    request.method(
        method,
        body.length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    return exchange(request.build());
  }

  static Reply exchange(HttpRequest request) {
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      String text = response.body();
      return new Reply(
          response.statusCode(),
          text == null || text.isBlank() ? null : JSON.readTree(text),
          response.headers().firstValue("Content-Type").orElse(""));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Nodes that alone offer {@code codec}, so a transcode task for it lands on one of them;
   * registered and heartbeating.
   */
  static List<TestEdge> joinOffering(String baseUrl, String codec, String... regions) {
    List<TestEdge> joined = new java.util.ArrayList<>();
    for (String region : regions) {
      TestEdge edge = new TestEdge(baseUrl, region);
      org.assertj.core.api.Assertions.assertThat(
              edge.post("/v1/edges", edge.registration("\"" + codec + "\"")).status())
          .isEqualTo(201);
      org.assertj.core.api.Assertions.assertThat(edge.heartbeat().status()).isEqualTo(200);
      joined.add(edge);
    }
    return joined;
  }

  /**
   * Requests a transcode task for {@code codec} as a service would and waits until it is assigned.
   */
  static JsonNode requestAssignedTranscode(String baseUrl, String codec, String objectId) {
    String taskId =
        postJson(
                baseUrl + "/v1/tasks",
                ("{\"kind\":\"TRANSCODE\",\"objectId\":\"%s\",\"sizeBytes\":0,\"requirement\":"
                        + "{\"minFreeBytes\":0,\"minBandwidthBps\":0,\"codec\":\"%s\",\"needsGpu\":false}}")
                    .formatted(objectId, codec),
                LedgerTestInfra.serviceToken("ledger:write"))
            .body()
            .get("id")
            .asString();
    return org.awaitility.Awaitility.await("assignment of " + taskId)
        .atMost(java.time.Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () -> getPublic(baseUrl + "/v1/tasks/" + taskId).body(),
            t -> t.get("status").asString().equals("ASSIGNED"));
  }

  static Reply getPublic(String url) {
    return exchange(HttpRequest.newBuilder(URI.create(url)).GET().build());
  }

  static Reply postJson(String url, String body, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("X-Platform-Identity", token);
    }
    return exchange(request.build());
  }
}
