package network.aioz.identity.tenant;

import java.time.Instant;
import java.util.UUID;

/** A wallet's role in a tenant. */
public record Membership(UUID tenantId, String address, Role role, Instant addedAt) {}
