package network.aioz.ledger.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Epoch n covers [genesis + n * length, genesis + (n + 1) * length). */
@Component
public class EpochClock {

  private final Instant genesis;
  private final Duration length;
  private final Duration grace;
  private final Clock clock;

  @org.springframework.beans.factory.annotation.Autowired
  public EpochClock(LedgerProperties settings, Clock clock) {
    this(settings.epochGenesis(), settings.epochLength(), settings.epochGrace(), clock);
  }

  public EpochClock(Instant genesis, Duration length, Duration grace, Clock clock) {
    this.genesis = genesis;
    this.length = length;
    this.grace = grace;
    this.clock = clock;
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("ledger.epoch-length must be positive");
    }
  }

  public long epochAt(Instant instant) {
    return Math.floorDiv(Duration.between(genesis, instant).toMillis(), length.toMillis());
  }

  public long current() {
    return epochAt(clock.instant());
  }

  /** The newest epoch whose end lies at least the grace period in the past: it may be sealed. */
  public long lastSealable() {
    return epochAt(clock.instant().minus(grace)) - 1;
  }

  public Instant start(long epoch) {
    return genesis.plus(length.multipliedBy(epoch));
  }

  public Instant end(long epoch) {
    return start(epoch + 1);
  }
}
