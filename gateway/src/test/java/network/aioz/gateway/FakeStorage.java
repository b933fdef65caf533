package network.aioz.gateway;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * A real HTTP server standing in for storage-service's S3 listener: it records the raw request
 * line, the headers and a digest of the streamed body, and answers like S3 would (XML errors, CORS
 * preflights).
 */
final class FakeStorage extends FakeUpstream<FakeStorage.Received> {

  static final String NO_SUCH_BUCKET_PATH = "/missing-bucket";
  static final String NO_SUCH_BUCKET =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchBucket</Code>"
          + "<Message>The specified bucket does not exist</Message>"
          + "<BucketName>missing-bucket</BucketName><RequestId>r1</RequestId></Error>";
  static final String SLOW_PATH = "/slow-bucket/upload";
  static final Duration SLOW_DELAY = Duration.ofMillis(1500);

  /** What the gateway forwarded: the request line's target exactly as sent, and the body. */
  record Received(
      String method, String rawTarget, Headers headers, long bodyBytes, String sha256) {}

  FakeStorage() throws IOException {
    super(Duration.ofSeconds(2));
  }

  @Override
  void handle(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha256.update(buffer, 0, n);
        total += n;
      }
      String target = exchange.getRequestURI().toString();
      record(
          new Received(
              exchange.getRequestMethod(),
              target,
              new Headers(exchange.getRequestHeaders()),
              total,
              HexFormat.of().formatHex(sha256.digest())));
      String path = exchange.getRequestURI().getRawPath();
      if (path.equals(NO_SUCH_BUCKET_PATH)) {
        respond(exchange, 404, "application/xml", NO_SUCH_BUCKET);
      } else if (path.equals(SLOW_PATH)) {
        Thread.sleep(SLOW_DELAY);
        respond(exchange, 200, "application/xml", "<Done/>");
      } else if (exchange.getRequestMethod().equals("OPTIONS")) {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Access-Control-Allow-Origin", exchange.getRequestHeaders().getFirst("Origin"));
        headers.set(
            "Access-Control-Allow-Methods",
            exchange.getRequestHeaders().getFirst("Access-Control-Request-Method"));
        exchange.sendResponseHeaders(200, -1);
      } else {
        respond(exchange, 200, "text/plain", exchange.getRequestMethod() + " " + target);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    FakeUpstream.respond(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
  }
}
