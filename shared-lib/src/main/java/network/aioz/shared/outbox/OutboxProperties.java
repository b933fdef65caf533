package network.aioz.shared.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the outbox relay and the inbox.
 *
 * @param source the CloudEvents {@code source} of this service's events, e.g. {@code
 *     urn:aioz:ledger-service}
 * @param batchSize how many events one relay round publishes at most
 * @param pollInterval how long the relay sleeps when there was nothing to publish (a commit wakes
 *     it earlier)
 * @param maxBackoff the longest pause between attempts while Kafka is unreachable
 * @param sendTimeout how long a batch may wait for the broker's acknowledgements
 * @param publishedRetention how long published events stay in the outbox table (for audit and
 *     replay)
 * @param processedRetention how long consumed event ids are remembered for deduplication
 */
@ConfigurationProperties("platform.outbox")
public record OutboxProperties(
    String source,
    @DefaultValue("500") int batchSize,
    @DefaultValue("200ms") Duration pollInterval,
    @DefaultValue("5s") Duration maxBackoff,
    @DefaultValue("30s") Duration sendTimeout,
    @DefaultValue("7d") Duration publishedRetention,
    @DefaultValue("35d") Duration processedRetention) {}
