package network.aioz.ledger.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

class BetaTrackProperties {

  /**
   * alpha_n = lambda^n*alpha_0 + w*sum_{i=1..n} lambda^(n-i)*s_i, beta_n likewise with failures.
   */
  @Property(tries = 300)
  void recordingEqualsTheClosedForm(
      @ForAll @Size(max = 3_000) List<Boolean> outcomes,
      @ForAll @DoubleRange(min = 0.9, max = 1.0) double lambda,
      @ForAll @DoubleRange(min = 0.1, max = 5.0) double weight,
      @ForAll @DoubleRange(min = 0.0, max = 10.0) double alpha0,
      @ForAll @DoubleRange(min = 0.0, max = 10.0) double beta0) {
    BetaTrack track = new BetaTrack(alpha0, beta0);
    for (boolean success : outcomes) {
      track = track.record(success, lambda, weight);
    }

    int n = outcomes.size();
    double alpha = Math.pow(lambda, n) * alpha0;
    double beta = Math.pow(lambda, n) * beta0;
    for (int i = 1; i <= n; i++) {
      double decay = weight * Math.pow(lambda, n - i);
      if (outcomes.get(i - 1)) {
        alpha += decay;
      } else {
        beta += decay;
      }
    }
    assertThat(track.alpha()).isCloseTo(alpha, within(1e-9 * Math.max(1.0, alpha)));
    assertThat(track.beta()).isCloseTo(beta, within(1e-9 * Math.max(1.0, beta)));
  }

  @Property
  void scoresStayInTheUnitInterval(
      @ForAll List<Boolean> outcomes, @ForAll @DoubleRange(min = 0.5, max = 1.0) double lambda) {
    BetaTrack track = new BetaTrack(1.0, 0.0);
    for (boolean success : outcomes) {
      track = track.record(success, lambda, 1.0);
      assertThat(track.score()).isBetween(0.0, 1.0);
    }
  }

  @Property
  void aSuccessNeverLowersAndAFailureNeverRaisesTheScore(
      @ForAll List<Boolean> history, @ForAll boolean next) {
    BetaTrack track = new BetaTrack(1.0, 0.0);
    for (boolean success : history) {
      track = track.record(success, 0.999, 1.0);
    }

    double after = track.record(next, 0.999, 1.0).score();

    if (next) {
      assertThat(after).isGreaterThanOrEqualTo(track.score());
    } else {
      assertThat(after).isLessThanOrEqualTo(track.score());
    }
  }

  @Property
  void theRewardMultiplierIsTheProductOfThreeScoresAndInTheUnitInterval(
      @ForAll @Size(max = 200) List<Boolean> audits,
      @ForAll @Size(max = 200) List<Boolean> tasks,
      @ForAll @Size(max = 200) List<Boolean> checks) {
    NodeReputation reputation = NodeReputation.fresh(ReputationSettings.defaults());
    java.time.Instant now = java.time.Instant.EPOCH;
    for (boolean pass : audits) {
      reputation = reputation.recordAudit(pass ? AuditOutcome.PASS : AuditOutcome.FAIL, now);
    }
    for (boolean done : tasks) {
      reputation = reputation.recordTaskOutcome(done);
    }
    for (boolean up : checks) {
      reputation = reputation.recordUptime(up);
    }

    double rr = reputation.rewardMultiplier(NodeStatus.ACTIVE);

    assertThat(rr).isBetween(0.0, 1.0);
    assertThat(rr)
        .isCloseTo(
            reputation.auditScore() * reputation.completionScore() * reputation.uptimeScore(),
            within(1e-12));
  }
}
