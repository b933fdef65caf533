package network.aioz.storage.data;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import network.aioz.storage.support.StorageProperties;
import org.springframework.stereotype.Component;

/**
 * Moves pieces to and from edge nodes over their piece API ({@code PUT|GET /pieces/{sha256}}).
 * Nothing an edge returns is trusted: whole pieces must hash to the digest recorded for them, and
 * ranged reads are authenticated by the encryption chunks' tags.
 */
@Component
public class EdgePieces {

  private final HttpClient http;
  private final Duration timeout;
  private final NodeDirectory directory;

  EdgePieces(StorageProperties settings, NodeDirectory directory) {
    this.directory = directory;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    this.timeout = settings.pieceTimeout();
  }

  /** Uploads a piece; completes exceptionally unless the edge stored it (200 or 201). */
  public CompletableFuture<Void> put(String endpoint, String digest, byte[] piece) {
    HttpRequest request =
        HttpRequest.newBuilder(uri(endpoint, digest))
            .timeout(timeout)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(piece))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(
            response -> {
              if (response.statusCode() != 200 && response.statusCode() != 201) {
                throw new EdgeException(
                    endpoint + " refused piece " + digest + ": " + response.statusCode());
              }
              return null;
            });
  }

  /**
   * Downloads a whole piece from its node (at the node's current endpoint when the directory knows
   * a newer one than the one recorded) and checks it against its digest.
   */
  public CompletableFuture<byte[]> get(String node, String recorded, String digest, int size) {
    String endpoint = directory.endpoint(node, recorded);
    HttpRequest request =
        HttpRequest.newBuilder(uri(endpoint, digest)).timeout(timeout).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(
            response -> {
              byte[] body = response.body();
              if (response.statusCode() != 200) {
                throw new EdgeException(
                    endpoint + " answered " + response.statusCode() + " for " + digest);
              }
              if (body.length != size || !PieceHash.matches(body, digest)) {
                throw new CorruptPieceException(endpoint + " returned a corrupt copy of " + digest);
              }
              return body;
            });
  }

  /**
   * Downloads {@code length} bytes of a piece from {@code offset}; the caller authenticates them.
   */
  public CompletableFuture<byte[]> getRange(
      String node, String recorded, String digest, long offset, int length) {
    String endpoint = directory.endpoint(node, recorded);
    HttpRequest request =
        HttpRequest.newBuilder(uri(endpoint, digest))
            .timeout(timeout)
            .header("Range", "bytes=" + offset + "-" + (offset + length - 1))
            .GET()
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(
            response -> {
              if (response.statusCode() != 206 || response.body().length != length) {
                throw new EdgeException(
                    endpoint + " answered " + response.statusCode() + " to a range of " + digest);
              }
              return response.body();
            });
  }

  private static URI uri(String endpoint, String digest) {
    String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    return URI.create(base + "/pieces/" + digest);
  }

  /** An edge did not do what was asked. */
  public static class EdgeException extends RuntimeException {
    EdgeException(String message) {
      super(message, null, false, false);
    }
  }

  /** An edge returned bytes that are not the piece: a fact for repair and reputation. */
  public static final class CorruptPieceException extends EdgeException {
    CorruptPieceException(String message) {
      super(message);
    }
  }
}
