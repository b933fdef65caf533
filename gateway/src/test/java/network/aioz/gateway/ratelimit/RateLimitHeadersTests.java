package network.aioz.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import network.aioz.gateway.ratelimit.RateLimitProperties.Policy;
import network.aioz.gateway.ratelimit.TokenBuckets.Bucket;
import network.aioz.gateway.ratelimit.TokenBuckets.BucketState;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class RateLimitHeadersTests {

  private final Bucket tenant = new Bucket("tenant", "t:1", new Policy(1200, 200));
  private final Bucket key = new Bucket("key", "k:1", new Policy(600, 100));

  @Test
  void announcesEveryPolicyAndItsState() {
    HttpHeaders headers =
        RateLimitFilter.headers(
            List.of(new BucketState(tenant, true, 1187.4), new BucketState(key, true, 0.5)));

    assertThat(headers.getFirst("RateLimit-Policy"))
        .isEqualTo("\"tenant\";q=1200;w=6, \"key\";q=600;w=6");
    assertThat(headers.getFirst("RateLimit")).isEqualTo("\"tenant\";r=1187;t=1, \"key\";r=0;t=6");
  }

  @Test
  void retryAfterIsTheTimeToTheNextWholeToken() {
    Bucket slow = new Bucket("anonymous", "ip:x", new Policy(10, 0.5));
    assertThat(new BucketState(slow, false, 0.25).retryAfterSeconds()).isEqualTo(2);
    assertThat(new BucketState(slow, false, 0.9).retryAfterSeconds()).isEqualTo(1);
    assertThat(new BucketState(slow, true, 3).retryAfterSeconds()).isZero();
  }
}
