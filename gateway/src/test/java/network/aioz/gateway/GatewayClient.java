package network.aioz.gateway;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client aimed at the gateway under test. */
final class GatewayClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final String base;

  GatewayClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  HttpResponse<String> get(String path, String... headers)
      throws IOException, InterruptedException {
    return send("GET", path, HttpRequest.BodyPublishers.noBody(), headers);
  }

  /** A GET that may take up to {@code timeout}. */
  HttpResponse<String> get(String path, Duration timeout) throws IOException, InterruptedException {
    return send("GET", path, HttpRequest.BodyPublishers.noBody(), timeout);
  }

  HttpResponse<String> send(String method, String path, BodyPublisher body, String... headers)
      throws IOException, InterruptedException {
    return send(method, path, body, Duration.ofSeconds(10), headers);
  }

  private HttpResponse<String> send(
      String method, String path, BodyPublisher body, Duration timeout, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).method(method, body);
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A body of unknown length, which the client sends chunked. */
  static BodyPublisher chunked(byte[] bytes) {
    return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
  }

  static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }
}
