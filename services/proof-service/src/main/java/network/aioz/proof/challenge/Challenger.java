package network.aioz.proof.challenge;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import network.aioz.proof.piece.Placement;
import network.aioz.proof.support.ProofProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one challenge to the edge that holds a piece and judges the answer. The block and the nonce
 * come from a {@link SecureRandom}, so the edge cannot precompute answers; the whole exchange
 * (connect, send, read the answer) has one deadline.
 */
@Component
class Challenger implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(Challenger.class);
  private static final HexFormat HEX = HexFormat.of();

  private final ProofProperties settings;
  private final SecureRandom random = new SecureRandom();
  private final JsonMapper json = JsonMapper.builder().build();
  private final ExecutorService exchanges = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http;

  Challenger(ProofProperties settings) {
    this.settings = settings;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.challengeTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** A challenge and what it showed. */
  record Outcome(SentChallenge sent, Verdict verdict, Duration latency) {}

  /**
   * Challenges the placement with a random block.
   *
   * @param includeData whether to ask for the block's bytes; null draws it with the configured
   *     sample probability
   */
  Outcome challenge(Placement placement, Boolean includeData) {
    long blockIndex = random.nextLong(placement.blockCount());
    byte[] nonce = new byte[32];
    random.nextBytes(nonce);
    SentChallenge sent =
        new SentChallenge(
            UUID.randomUUID().toString(),
            placement.contentDigest(),
            placement.blockSize(),
            blockIndex,
            includeData != null ? includeData : random.nextDouble() < settings.sampleProbability(),
            HEX.formatHex(nonce));
    long started = System.nanoTime();
    Verdict verdict = exchange(placement, sent);
    Duration latency = Duration.ofNanos(System.nanoTime() - started);
    return new Outcome(sent, verdict, latency);
  }

  private Verdict exchange(Placement placement, SentChallenge sent) {
    String noAnswerRef = AnswerVerifier.proofRef(sent, null);
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(placement.endpoint() + "/challenges"))
              .timeout(settings.challengeTimeout())
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(sent)))
              .build();
    } catch (RuntimeException e) {
      log.warn("cannot build a challenge for {}: {}", placement.endpoint(), e.getMessage());
      return Verdict.inconclusive("cannot build the request: " + e.getMessage(), noAnswerRef);
    }
    int limit = answerLimit(placement.blockSize());
    Future<Reply> reply = exchanges.submit(() -> send(request, limit));
    try {
      Reply r = reply.get(settings.challengeTimeout().toMillis(), TimeUnit.MILLISECONDS);
      if (r.body().length > limit) {
        return Verdict.failed(Verdict.INVALID_PROOF, "the answer is too large", noAnswerRef);
      }
      return AnswerVerifier.verify(placement, sent, r.status(), r.body());
    } catch (TimeoutException e) {
      reply.cancel(true);
      return timeout(noAnswerRef);
    } catch (InterruptedException e) {
      reply.cancel(true);
      Thread.currentThread().interrupt();
      return Verdict.inconclusive("interrupted while waiting for the edge", noAnswerRef);
    } catch (ExecutionException e) {
      return transportFailure(e.getCause(), noAnswerRef);
    }
  }

  private record Reply(int status, byte[] body) {}

  private Reply send(HttpRequest request, int limit) throws IOException, InterruptedException {
    HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      return new Reply(response.statusCode(), body.readNBytes(limit + 1));
    }
  }

  private Verdict timeout(String proofRef) {
    return Verdict.failed(
        Verdict.TIMEOUT, "no answer within " + settings.challengeTimeout(), proofRef);
  }

  private Verdict transportFailure(Throwable cause, String proofRef) {
    if (cause instanceof HttpTimeoutException) {
      return timeout(proofRef);
    }
    if (cause instanceof ConnectException || cause instanceof IOException) {
      return Verdict.unreachable(
          cause.getClass().getSimpleName() + ": " + cause.getMessage(), proofRef);
    }
    log.error("challenge failed on our side", cause);
    return Verdict.inconclusive("challenge failed on our side: " + cause, proofRef);
  }

  /** The base64 block, its path and the envelope, with room to spare. */
  private static int answerLimit(int blockSize) {
    return (int) Math.min(Integer.MAX_VALUE - 16, 2L * blockSize + 64 * 1024);
  }

  @Override
  public void destroy() {
    exchanges.shutdownNow();
    http.close();
  }
}
