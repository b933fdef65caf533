package network.aioz.identity.apikey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An API key as stored: its hash, never the key. */
record ApiKey(
    String id,
    UUID tenantId,
    String name,
    List<String> scopes,
    byte[] keyHash,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    Instant lastUsedAt) {}
