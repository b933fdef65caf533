package network.aioz.ledger.reputation;

import java.time.Duration;
import java.util.Objects;

/**
 * The reputation model's parameters; {@link #defaults()} are Storj's.
 *
 * @param lambda forgetting factor per event, in (0,1]
 * @param weight weight of one event
 * @param initialAlpha alpha of a fresh track
 * @param initialBeta beta of a fresh track
 * @param auditsToActivate passed audits after which a vetting node becomes active
 * @param auditEjectThreshold a node whose audit score falls below this is ejected
 * @param unknownSuspendThreshold a node whose unknown-audit score falls below this is suspended
 * @param suspensionGrace how long a suspended node has to recover before it is ejected
 */
public record ReputationSettings(
    double lambda,
    double weight,
    double initialAlpha,
    double initialBeta,
    int auditsToActivate,
    double auditEjectThreshold,
    double unknownSuspendThreshold,
    Duration suspensionGrace) {

  public ReputationSettings {
    if (!(lambda > 0.0 && lambda <= 1.0)) {
      throw new IllegalArgumentException("lambda must be in (0,1]: " + lambda);
    }
    if (!(weight > 0.0) || !(initialAlpha >= 0.0) || !(initialBeta >= 0.0)) {
      throw new IllegalArgumentException("weight must be > 0, initial alpha and beta >= 0");
    }
    if (initialAlpha + initialBeta == 0.0) {
      throw new IllegalArgumentException("initial alpha + beta must be > 0");
    }
    if (auditsToActivate < 0) {
      throw new IllegalArgumentException("auditsToActivate must be >= 0");
    }
    if (!(auditEjectThreshold >= 0.0 && auditEjectThreshold <= 1.0)
        || !(unknownSuspendThreshold >= 0.0 && unknownSuspendThreshold <= 1.0)) {
      throw new IllegalArgumentException("thresholds must be in [0,1]");
    }
    Objects.requireNonNull(suspensionGrace, "suspensionGrace");
    if (suspensionGrace.isNegative()) {
      throw new IllegalArgumentException("suspensionGrace must not be negative");
    }
  }

  public static ReputationSettings defaults() {
    return new ReputationSettings(0.999, 1.0, 1.0, 0.0, 100, 0.96, 0.6, Duration.ofDays(7));
  }

  public ReputationSettings withAuditsToActivate(int audits) {
    return new ReputationSettings(
        lambda,
        weight,
        initialAlpha,
        initialBeta,
        audits,
        auditEjectThreshold,
        unknownSuspendThreshold,
        suspensionGrace);
  }

  public ReputationSettings withSuspensionGrace(Duration grace) {
    return new ReputationSettings(
        lambda,
        weight,
        initialAlpha,
        initialBeta,
        auditsToActivate,
        auditEjectThreshold,
        unknownSuspendThreshold,
        grace);
  }

  BetaTrack freshTrack() {
    return new BetaTrack(initialAlpha, initialBeta);
  }
}
