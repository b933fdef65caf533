package network.aioz.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token buckets: each request takes one token; a bucket holds at most {@code capacity} tokens (the
 * burst) and gains {@code refillPerSecond} (the sustained rate).
 *
 * @param tenant shared by every credential of a tenant
 * @param key per API key, sign-in session or S3 access key
 * @param anonymous per client address, for requests without a credential
 * @param edge per edge node (its signed heartbeats, task polls and submissions)
 */
@ConfigurationProperties("gateway.rate-limits")
public record RateLimitProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue({"1200", "200"}) Policy tenant,
    @DefaultValue({"600", "100"}) Policy key,
    @DefaultValue({"120", "10"}) Policy anonymous,
    @DefaultValue({"600", "50"}) Policy edge) {

  public record Policy(long capacity, double refillPerSecond) {

    public Policy {
      if (capacity < 1 || !(refillPerSecond > 0)) {
        throw new IllegalArgumentException(
            "a rate-limit policy needs capacity >= 1 and refill-per-second > 0");
      }
    }

    /** Seconds to refill an empty bucket: the window the RateLimit-Policy header announces. */
    long windowSeconds() {
      return Math.max(1, (long) Math.ceil(capacity / refillPerSecond));
    }
  }
}
