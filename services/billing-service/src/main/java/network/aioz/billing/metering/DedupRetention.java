package network.aioz.billing.metering;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Forgets events seen longer ago than {@code billing.metering.dedup-retention}, in chunks. */
@Component
class DedupRetention {

  private static final int CHUNK = 10_000;

  private final JdbcTemplate jdbc;
  private final MeteringSettings settings;
  private final Clock clock;

  DedupRetention(JdbcTemplate jdbc, MeteringSettings settings, Clock clock) {
    this.jdbc = jdbc;
    this.settings = settings;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${billing.metering.dedup-sweep-interval:PT1H}")
  int sweep() {
    Timestamp before = Timestamp.from(clock.instant().minus(settings.dedupRetention()));
    int total = 0;
    int deleted;
    do {
      // short transactions: the consumer keeps inserting while old entries go
      deleted =
          jdbc.update(
              "delete from metering_seen where ctid = any(array(select ctid from metering_seen"
                  + " where seen_at < ? limit ?))",
              before,
              CHUNK);
      total += deleted;
    } while (deleted == CHUNK);
    return total;
  }
}
