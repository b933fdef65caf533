package network.aioz.gateway.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param retention how long a key and its response are kept (the window in which a retry replays)
 * @param lease how long a request in flight holds its key; a replica that died holding one frees it
 *     after this (at least the longest route response timeout)
 * @param maxStoredResponse responses larger than this are passed through but not stored (the key is
 *     released, so a retry runs again)
 */
@ConfigurationProperties("gateway.idempotency")
public record IdempotencyProperties(
    @DefaultValue("24h") Duration retention,
    @DefaultValue("60s") Duration lease,
    @DefaultValue("1MB") DataSize maxStoredResponse) {}
