package network.aioz.webhook.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import network.aioz.webhook.ssrf.UnsafeAddressException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Sends one attempt: a POST of the message body with the Standard Webhooks headers, over the pooled
 * client (keep-alive, redirects not followed, the SSRF-checking resolver). The whole exchange has
 * one deadline; a response body is read only as far as the log keeps it, plus a little to let the
 * connection be reused.
 */
class Sender implements AutoCloseable {

  static final int LOGGED_BODY_BYTES = 1024;

  /** How much more of a response is read so its connection can go back to the pool. */
  private static final int DRAIN_BYTES = 64 * 1024;

  private final CloseableHttpClient client;
  private final Duration timeout;
  private final Clock clock;
  private final ScheduledExecutorService deadlines =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("webhook-deadlines").daemon().factory());

  Sender(CloseableHttpClient client, Duration timeout, Clock clock) {
    this.client = client;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** The headers of one attempt (the body is signed with them). */
  record Attempt(URI url, String messageId, long timestamp, String signature, byte[] body) {}

  Outcome send(Attempt attempt) {
    HttpPost post = new HttpPost(attempt.url());
    post.setHeader("webhook-id", attempt.messageId());
    post.setHeader("webhook-timestamp", Long.toString(attempt.timestamp()));
    post.setHeader("webhook-signature", attempt.signature());
    post.setEntity(new ByteArrayEntity(attempt.body(), ContentType.APPLICATION_JSON));
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> deadline =
        deadlines.schedule(
            () -> {
              timedOut.set(true);
              post.cancel();
            },
            timeout.toMillis(),
            TimeUnit.MILLISECONDS);
    long start = System.nanoTime();
    try (CloseableHttpResponse response = client.execute(post)) {
      int status = response.getCode();
      String body = readLogged(response.getEntity());
      Header retryAfter = response.getFirstHeader("Retry-After");
      return new Outcome(
          status,
          body,
          millisSince(start),
          null,
          retryAfter == null
              ? null
              : RetryAfter.parse(retryAfter.getValue(), clock.instant()).orElse(null));
    } catch (UnsafeAddressException e) {
      return failure(start, "unsafe-address");
    } catch (SocketTimeoutException e) {
      return failure(start, "timeout");
    } catch (ConnectException e) {
      return failure(start, timedOut.get() ? "timeout" : "connection-failed: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      return failure(
          start, timedOut.get() ? "timeout" : "connection-failed: " + e.getClass().getSimpleName());
    } finally {
      deadline.cancel(false);
    }
  }

  private static String readLogged(HttpEntity entity) throws IOException {
    if (entity == null) {
      return "";
    }
    try (InputStream in = entity.getContent()) {
      byte[] head = in.readNBytes(LOGGED_BODY_BYTES);
      // a short remainder is consumed so the connection is reused; a long one is cut off (closing
      // the response unread discards the connection)
      if (drained(in)) {
        EntityUtils.consumeQuietly(entity);
      }
      return new String(head, StandardCharsets.UTF_8);
    }
  }

  private static boolean drained(InputStream in) throws IOException {
    byte[] buffer = new byte[8192];
    long left = DRAIN_BYTES;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        return true;
      }
      left -= n;
    }
    return in.read() < 0;
  }

  private static long millisSince(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  private static Outcome failure(long start, String error) {
    return new Outcome(null, null, millisSince(start), error, null);
  }

  @Override
  public void close() throws IOException {
    deadlines.shutdownNow();
    client.close();
  }
}
