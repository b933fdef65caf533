package network.aioz.gateway.idempotency;

import network.aioz.gateway.support.Blocking;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

  @Bean
  IdempotencyStore idempotencyStore(
      JdbcTemplate jdbc, JsonMapper json, IdempotencyProperties properties) {
    return new IdempotencyStore(jdbc, json, properties);
  }

  @Bean
  IdempotencyFilter idempotencyFilter(
      IdempotencyStore store, Blocking blocking, IdempotencyProperties properties) {
    return new IdempotencyFilter(store, blocking, properties);
  }

  @Bean
  ExpiredKeys expiredKeys(IdempotencyStore store) {
    return new ExpiredKeys(store);
  }

  /** Every replica sweeps; the delete is the same whoever runs it. */
  static class ExpiredKeys {
    private final IdempotencyStore store;

    ExpiredKeys(IdempotencyStore store) {
      this.store = store;
    }

    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
    void sweep() {
      store.forgetExpired();
    }
  }
}
