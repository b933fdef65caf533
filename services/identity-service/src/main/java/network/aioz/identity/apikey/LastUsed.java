package network.aioz.identity.apikey;

import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import network.aioz.identity.support.IdentityProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Coalesces the last-use times of API keys: an authentication only notes the time in memory, and a
 * flush writes the noted times in one batch, at most once per key per granularity (also across
 * replicas, by the condition in the update). A key used a thousand times a second costs one write a
 * minute.
 */
@Component
class LastUsed {

  private final JdbcTemplate jdbc;
  private final Duration granularity;
  private final Clock clock;
  private final Map<String, Instant> pending = new ConcurrentHashMap<>();
  private final Map<String, Instant> written = new ConcurrentHashMap<>();

  LastUsed(JdbcTemplate jdbc, IdentityProperties settings, Clock clock) {
    this.jdbc = jdbc;
    this.granularity = settings.apiKeys().lastUsedGranularity();
    this.clock = clock;
  }

  void touch(String keyId) {
    Instant now = clock.instant();
    Instant last = written.get(keyId);
    if (last == null || !now.isBefore(last.plus(granularity))) {
      pending.merge(keyId, now, (a, b) -> a.isAfter(b) ? a : b);
    }
  }

  @Scheduled(fixedDelayString = "${identity.api-keys.last-used-flush:PT10S}")
  @PreDestroy
  void flush() {
    if (pending.isEmpty()) {
      return;
    }
    List<Object[]> rows = new ArrayList<>();
    for (String keyId : List.copyOf(pending.keySet())) {
      Instant used = pending.remove(keyId);
      if (used != null) {
        written.put(keyId, used);
        rows.add(
            new Object[] {Timestamp.from(used), keyId, Timestamp.from(used.minus(granularity))});
      }
    }
    jdbc.batchUpdate(
        "update api_key set last_used_at = ? where id = ?"
            + " and (last_used_at is null or last_used_at <= ?)",
        rows);
    Instant horizon = clock.instant().minus(granularity);
    written.values().removeIf(t -> t.isBefore(horizon));
  }
}
