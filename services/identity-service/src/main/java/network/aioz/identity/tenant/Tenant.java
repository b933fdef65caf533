package network.aioz.identity.tenant;

import java.time.Instant;
import java.util.UUID;

/** An account that owns resources on the platform. */
public record Tenant(UUID id, String name, Instant createdAt) {}
