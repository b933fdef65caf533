package network.aioz.billing.metering;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Metering's settings, checked at startup: deduplication must remember events for at least 32 days
 * (producers and the outbox may republish that late), periods must be months or divide a day.
 */
@Component
class MeteringSettings {

  static final Duration MIN_DEDUP_RETENTION = Duration.ofDays(32);

  private final Duration dedupRetention;
  private final PeriodLength periodLength;
  private final Duration grace;
  private final boolean autoClose;

  MeteringSettings(
      @Value("${billing.metering.dedup-retention:P35D}") Duration dedupRetention,
      @Value("${billing.periods.length:P1M}") String periodLength,
      @Value("${billing.periods.grace:PT1H}") Duration grace,
      @Value("${billing.periods.auto-close:true}") boolean autoClose) {
    if (dedupRetention.compareTo(MIN_DEDUP_RETENTION) < 0) {
      throw new IllegalStateException(
          "billing.metering.dedup-retention is "
              + dedupRetention
              + " but must be at least P32D: usage events republished within 32 days must still"
              + " be recognised as duplicates, or they would be charged twice");
    }
    if (grace.isNegative()) {
      throw new IllegalStateException("billing.periods.grace must not be negative: " + grace);
    }
    this.dedupRetention = dedupRetention;
    this.periodLength = PeriodLength.parse(periodLength);
    this.grace = grace;
    this.autoClose = autoClose;
  }

  Duration dedupRetention() {
    return dedupRetention;
  }

  PeriodLength periodLength() {
    return periodLength;
  }

  /** How long after its end a period still takes late usage before the closer closes it. */
  Duration grace() {
    return grace;
  }

  boolean autoClose() {
    return autoClose;
  }
}
