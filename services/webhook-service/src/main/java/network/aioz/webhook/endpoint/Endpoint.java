package network.aioz.webhook.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's webhook endpoint as the API shows it (never with its secret).
 *
 * @param disabledReason why the service disabled it ({@code gone}: it answered 410; {@code
 *     failing}: it failed for {@code webhook.disable-after}), or {@code disabled} by the tenant
 */
public record Endpoint(
    UUID id,
    String tenantId,
    String url,
    String description,
    List<String> eventTypes,
    boolean enabled,
    String disabledReason,
    Instant createdAt,
    Instant updatedAt) {}
