package network.aioz.ledger.reputation;

/**
 * One beta-distributed reputation track with forgetting: {@code alpha} counts (decayed) successes,
 * {@code beta} (decayed) failures.
 */
public record BetaTrack(double alpha, double beta) {

  public BetaTrack {
    if (!(alpha >= 0.0 && beta >= 0.0 && Double.isFinite(alpha) && Double.isFinite(beta))) {
      throw new IllegalArgumentException("alpha and beta must be finite and >= 0");
    }
  }

  /**
   * One event: {@code alpha' = lambda*alpha + w*(1+v)/2}, {@code beta' = lambda*beta + w*(1-v)/2}
   * with v = +1 for success and -1 for failure.
   */
  public BetaTrack record(boolean success, double lambda, double weight) {
    double v = success ? 1.0 : -1.0;
    return new BetaTrack(
        lambda * alpha + weight * (1.0 + v) / 2.0, lambda * beta + weight * (1.0 - v) / 2.0);
  }

  /** {@code alpha / (alpha + beta)}; a track with no evidence at all scores 1. */
  public double score() {
    double total = alpha + beta;
    return total == 0.0 ? 1.0 : alpha / total;
  }
}
