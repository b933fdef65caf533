package network.aioz.gateway.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import network.aioz.shared.identity.InternalTokenIssuer;
import reactor.core.publisher.Mono;

/**
 * Resolved credentials, each with the internal token minted for it, kept for at most {@code
 * cacheTtl} (never past the credential's own expiry) so that the hot path costs neither a call to
 * identity-service nor an ECDSA signature, while a revocation still takes effect within {@code
 * cacheTtl}. Concurrent requests with the same credential share one lookup. Keys are SHA-256
 * hashes, so no credential sits in memory longer than its request.
 */
class CallerCache {

  private static final Duration LOOKUP_DEADLINE = Duration.ofSeconds(10);

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final Function<Credential, Mono<IdentityClient.Resolution>> lookup;
  private final InternalTokenIssuer issuer;
  private final Duration ttl;
  private final Duration failureTtl;
  private final int maxEntries;
  private final Clock clock;

  CallerCache(
      Function<Credential, Mono<IdentityClient.Resolution>> lookup,
      InternalTokenIssuer issuer,
      IdentityProperties properties,
      Clock clock) {
    if (properties.cacheTtl().compareTo(properties.tokenLifetime().dividedBy(2)) > 0) {
      throw new IllegalStateException(
          "gateway.identity.cache-ttl must be at most half of gateway.identity.token-lifetime, so"
              + " a cached internal token is never forwarded close to its expiry");
    }
    this.lookup = lookup;
    this.issuer = issuer;
    this.ttl = properties.cacheTtl();
    this.failureTtl = properties.failureCacheTtl();
    this.maxEntries = properties.cacheSize();
    this.clock = clock;
  }

  /** The caller and its internal token, or a refusal. */
  Mono<Outcome> resolve(Credential credential) {
    String key = hash(credential);
    Instant now = clock.instant();
    Entry entry = entries.get(key);
    if (entry != null && now.isBefore(entry.freshUntil)) {
      return entry.outcome;
    }
    if (entries.size() >= maxEntries) {
      entries.values().removeIf(e -> !now.isBefore(e.freshUntil));
      if (entries.size() >= maxEntries) {
        entries.clear();
      }
    }
    // Until the lookup settles it, the entry lives as long as a lookup may take.
    Entry fresh = new Entry(load(key, credential), now.plus(LOOKUP_DEADLINE));
    Entry raced =
        entries.compute(key, (k, old) -> old != null && now.isBefore(old.freshUntil) ? old : fresh);
    return raced.outcome;
  }

  private Mono<Outcome> load(String key, Credential credential) {
    return lookup
        .apply(credential)
        .map(
            resolution -> {
              Instant now = clock.instant();
              if (resolution.caller() == null) {
                settle(key, now.plus(failureTtl));
                return Outcome.refused(resolution.refusal());
              }
              Caller caller = resolution.caller();
              Instant until = now.plus(ttl);
              if (caller.expiresAt() != null && caller.expiresAt().isBefore(until)) {
                until = caller.expiresAt();
              }
              settle(key, until);
              String token =
                  issuer.issue(
                      caller.subject(), caller.tenantId(), caller.scopes(), caller.authMethod());
              return new Outcome(caller, token, null);
            })
        // a failed lookup (identity-service down) is not remembered: the next request asks again
        .doOnError(e -> entries.remove(key))
        .cache();
  }

  private void settle(String key, Instant until) {
    entries.computeIfPresent(key, (k, e) -> new Entry(e.outcome, until));
  }

  /** Forgets every resolved credential, for tests and for an operator who revoked in a hurry. */
  void clear() {
    entries.clear();
  }

  private static String hash(Credential credential) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(credential.kind().getBytes(StandardCharsets.US_ASCII));
      sha256.update((byte) 0);
      sha256.update(credential.value().getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private record Entry(Mono<Outcome> outcome, Instant freshUntil) {}

  /** Exactly one of caller (with its token) and refusal is set. */
  record Outcome(Caller caller, String token, String refusal) {
    static Outcome refused(String why) {
      return new Outcome(null, null, why);
    }
  }
}
