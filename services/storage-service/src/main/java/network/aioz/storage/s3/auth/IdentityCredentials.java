package network.aioz.storage.s3.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import network.aioz.shared.identity.InternalTokens;
import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tenants' S3 access keys, resolved through identity-service ({@code GET
 * /internal/v1/s3-keys/{id}}), which keeps the secrets encrypted at rest. An answer is reused for
 * {@code ttl} (an unknown key for a second), so a revoked key stops working within {@code ttl} and
 * a client signing every request costs one lookup per key per {@code ttl}. When identity-service
 * cannot answer, the request fails with a retryable error instead of an access-denied one.
 */
public class IdentityCredentials implements CredentialLookup {

  private static final Logger log = LoggerFactory.getLogger(IdentityCredentials.class);
  private static final Duration UNKNOWN_TTL = Duration.ofSeconds(1);
  private static final int MAX_ENTRIES = 100_000;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI identity;
  private final Supplier<String> serviceToken;
  private final Duration ttl;
  private final JsonMapper json;
  private final Clock clock;
  private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

  public IdentityCredentials(
      URI identity, Supplier<String> serviceToken, Duration ttl, JsonMapper json, Clock clock) {
    this.identity = identity;
    this.serviceToken = serviceToken;
    this.ttl = ttl;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public Optional<Credential> find(String accessKeyId) {
    Instant now = clock.instant();
    Cached cached = cache.get(accessKeyId);
    if (cached != null && now.isBefore(cached.until)) {
      return cached.credential;
    }
    Optional<Credential> credential = fetch(accessKeyId);
    if (cache.size() >= MAX_ENTRIES) {
      cache.clear();
    }
    cache.put(
        accessKeyId, new Cached(credential, now.plus(credential.isPresent() ? ttl : UNKNOWN_TTL)));
    return credential;
  }

  private Optional<Credential> fetch(String accessKeyId) {
    HttpRequest request =
        HttpRequest.newBuilder(
                identity.resolve(
                    "/internal/v1/s3-keys/"
                        + URLEncoder.encode(accessKeyId, StandardCharsets.UTF_8)))
            .timeout(Duration.ofSeconds(3))
            .header(InternalTokens.HEADER, serviceToken.get())
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw unavailable("identity-service unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted", e);
    }
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw unavailable("identity-service answered " + response.statusCode(), null);
    }
    JsonNode body = json.readTree(response.body());
    return Optional.of(
        new Credential(
            body.path("accessKeyId").asString(),
            body.path("secretAccessKey").asString(),
            body.path("tenantId").asString()));
  }

  private record Cached(Optional<Credential> credential, Instant until) {}

  /** identity-service could not say whether the key exists: 503, which S3 clients retry. */
  private static S3Exception unavailable(String why, Throwable cause) {
    log.warn("cannot resolve an S3 access key: {}", why);
    return new S3Exception(
        S3ErrorCode.ServiceUnavailable,
        "The access key could not be checked right now; please retry.",
        cause);
  }
}
