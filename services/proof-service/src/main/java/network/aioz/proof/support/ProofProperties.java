package network.aioz.proof.support;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the proof service.
 *
 * @param tick how often the scheduler looks for pieces due for a challenge
 * @param challengeTimeout deadline of one challenge, from sending it to having read the answer
 * @param sampleProbability probability that a challenge asks for the block's bytes too (then they
 *     must hash to the proven leaf)
 * @param batchSize how many due pieces one claim takes (and challenges concurrently)
 * @param historyPerPiece how many challenges are kept per placed piece
 * @param storage cadence of storage challenges
 */
@ConfigurationProperties("proof")
public record ProofProperties(
    @DefaultValue("PT1S") Duration tick,
    @DefaultValue("PT10S") Duration challengeTimeout,
    @DefaultValue("0.5") double sampleProbability,
    @DefaultValue("64") int batchSize,
    @DefaultValue("20") int historyPerPiece,
    @DefaultValue Storage storage) {

  public ProofProperties {
    if (sampleProbability < 0 || sampleProbability > 1) {
      throw new IllegalArgumentException("proof.sample-probability must be within [0, 1]");
    }
    if (batchSize <= 0 || historyPerPiece <= 0) {
      throw new IllegalArgumentException(
          "proof.batch-size and proof.history-per-piece must be > 0");
    }
  }

  /**
   * When pieces are challenged: every {@code interval} (times the factors that apply), spread by
   * {@code jitter}.
   *
   * @param interval base time between two challenges of one piece
   * @param initialDelay time from {@code PieceStored} to the first challenge
   * @param jitter fraction of the interval by which each wait is randomly lengthened or shortened
   *     (so pieces stored together are not challenged together forever)
   * @param vettingFactor factor for nodes that are VETTING or SUSPENDED (less trusted)
   * @param highPriorityFactor factor for pieces stored with priority {@code high}
   * @param failureFactor factor after a failed challenge, until one passes
   */
  public record Storage(
      @DefaultValue("PT1H") Duration interval,
      @DefaultValue("PT2S") Duration initialDelay,
      @DefaultValue("0.2") double jitter,
      @DefaultValue("0.25") double vettingFactor,
      @DefaultValue("0.5") double highPriorityFactor,
      @DefaultValue("0.25") double failureFactor) {

    public Storage {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("proof.storage.interval must be positive");
      }
      if (jitter < 0 || jitter >= 1) {
        throw new IllegalArgumentException("proof.storage.jitter must be within [0, 1)");
      }
    }
  }
}
