package network.aioz.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import network.aioz.shared.identity.InternalTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service's HTTP API as a test calls it, with the gateway's identity token. */
final class Api {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** An answer: status, content type and the body parsed as JSON (null when empty). */
  record Answer(int status, String contentType, JsonNode body) {

    String text(String field) {
      return body.path(field).asString();
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;

  Api(int port) {
    this.port = port;
  }

  Answer send(String method, String path, String token, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header(InternalTokens.HEADER, token);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          body == null || body.isEmpty() ? null : JSON.readTree(body));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Answer get(String path, String token) {
    return send("GET", path, token, null);
  }

  Answer post(String path, String token, String json) {
    return send("POST", path, token, json);
  }

  static String json(Object value) {
    return JSON.writeValueAsString(value);
  }
}
