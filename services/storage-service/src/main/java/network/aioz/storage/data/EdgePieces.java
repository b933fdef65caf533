package network.aioz.storage.data;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
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
   * a newer one than the one recorded) into {@code target} (exactly the piece's size) and checks it
   * against its digest. The download may be {@linkplain Download#detach detached} at any time;
   * after that nothing writes to {@code target} any more.
   */
  public Download get(String node, String recorded, String digest, byte[] target) {
    String endpoint = directory.endpoint(node, recorded);
    HttpRequest request =
        HttpRequest.newBuilder(uri(endpoint, digest)).timeout(timeout).GET().build();
    IntoArray into = new IntoArray(target);
    CompletableFuture<byte[]> done =
        http.sendAsync(
                request,
                info ->
                    info.statusCode() == 200 ? into : HttpResponse.BodySubscribers.replacing(-1))
            .thenApply(
                response -> {
                  if (response.statusCode() != 200) {
                    throw new EdgeException(
                        endpoint + " answered " + response.statusCode() + " for " + digest);
                  }
                  if (response.body() != target.length || !PieceHash.matches(target, digest)) {
                    throw new CorruptPieceException(
                        endpoint + " returned a corrupt copy of " + digest);
                  }
                  return target;
                });
    return new Download(done, into);
  }

  /** A piece download into an array the caller owns. */
  public static final class Download {
    private final CompletableFuture<byte[]> result;
    private final IntoArray into;

    Download(CompletableFuture<byte[]> result, IntoArray into) {
      this.result = result;
      this.into = into;
    }

    /** The verified piece (the target array), or the failure. */
    public CompletableFuture<byte[]> result() {
      return result;
    }

    /** Stops the download; once this returns nothing writes to the target array any more. */
    public void detach() {
      into.detach();
      result.cancel(true);
    }
  }

  /**
   * Receives a response body into a given array; once detached, it drops what still arrives (the
   * array may already serve someone else) and cancels the transfer.
   */
  static final class IntoArray implements HttpResponse.BodySubscriber<Integer> {
    private final byte[] target;
    private final CompletableFuture<Integer> body = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private int position;
    private boolean detached;

    IntoArray(byte[] target) {
      this.target = target;
    }

    @Override
    public CompletionStage<Integer> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      synchronized (this) {
        if (detached) {
          subscription.cancel();
          return;
        }
        for (ByteBuffer item : items) {
          int n = item.remaining();
          if (n > target.length - position) {
            detached = true;
            subscription.cancel();
            body.completeExceptionally(
                new CorruptPieceException("the edge sent more bytes than the piece has"));
            return;
          }
          item.get(target, position, n);
          position += n;
        }
      }
    }

    @Override
    public void onError(Throwable error) {
      body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      synchronized (this) {
        body.complete(position);
      }
    }

    synchronized void detach() {
      detached = true;
    }
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

  /** What went wrong with a transfer, without the future's wrappers around it. */
  static Throwable rootCause(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null
        && (cause instanceof java.util.concurrent.CompletionException
            || cause instanceof java.util.concurrent.ExecutionException)) {
      cause = cause.getCause();
    }
    return cause;
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
