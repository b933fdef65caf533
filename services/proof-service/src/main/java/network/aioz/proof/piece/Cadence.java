package network.aioz.proof.piece;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import network.aioz.proof.support.ProofProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * When a piece is challenged next: the storage interval, shortened for less trusted nodes, for
 * high-priority pieces and after a failure, and spread by jitter. The time of the next challenge
 * must not be predictable to the edge, or it could fetch the piece back just in time.
 */
@Component
public class Cadence {

  private final ProofProperties.Storage settings;
  private final RandomGenerator random;

  @Autowired
  public Cadence(ProofProperties settings) {
    this(settings.storage(), new SecureRandom());
  }

  Cadence(ProofProperties.Storage settings, RandomGenerator random) {
    this.settings = settings;
    this.random = random;
  }

  public Instant first(Instant storedAt) {
    return storedAt.plus(settings.initialDelay());
  }

  public Instant next(Instant now, String nodeStatus, String priority, int consecutiveFailures) {
    return now.plus(wait(nodeStatus, priority, consecutiveFailures));
  }

  Duration wait(String nodeStatus, String priority, int consecutiveFailures) {
    double factor = 1.0;
    if ("VETTING".equals(nodeStatus) || "SUSPENDED".equals(nodeStatus)) {
      factor *= settings.vettingFactor();
    }
    if ("high".equals(priority)) {
      factor *= settings.highPriorityFactor();
    }
    if (consecutiveFailures > 0) {
      factor *= settings.failureFactor();
    }
    double spread = settings.jitter() == 0 ? 0 : random.nextDouble(-1, 1) * settings.jitter();
    long nanos = (long) (settings.interval().toNanos() * factor * (1 + spread));
    return Duration.ofNanos(Math.max(nanos, 1_000_000));
  }
}
