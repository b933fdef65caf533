package network.aioz.gateway.ratelimit;

import network.aioz.gateway.support.Blocking;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

  @Bean
  TokenBuckets tokenBuckets(JdbcTemplate jdbc) {
    return new TokenBuckets(jdbc);
  }

  @Bean
  RateLimitFilter rateLimitFilter(
      TokenBuckets buckets, RateLimitProperties properties, Blocking blocking) {
    return new RateLimitFilter(
        new Leases(buckets, System::nanoTime, blocking::run), properties, blocking);
  }

  @Bean
  IdleBuckets idleBuckets(TokenBuckets buckets) {
    return new IdleBuckets(buckets);
  }

  /** Every replica sweeps; the delete is the same whoever runs it. */
  static class IdleBuckets {
    private final TokenBuckets buckets;

    IdleBuckets(TokenBuckets buckets) {
      this.buckets = buckets;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void sweep() {
      buckets.forgetIdle();
    }
  }
}
