package network.aioz.ledger.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import network.aioz.ledger.reputation.ReputationDecision.Action;
import org.junit.jupiter.api.Test;

class NodeReputationTests {

  private static final ReputationSettings DEFAULTS = ReputationSettings.defaults();
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static NodeReputation audits(NodeReputation reputation, AuditOutcome outcome, int n) {
    for (int i = 0; i < n; i++) {
      reputation = reputation.recordAudit(outcome, T0);
    }
    return reputation;
  }

  @Test
  void aFreshNodeScoresOneAndHasFullReward() {
    NodeReputation fresh = NodeReputation.fresh(DEFAULTS);

    assertThat(fresh.audit()).isEqualTo(new BetaTrack(1.0, 0.0));
    assertThat(fresh.auditScore()).isEqualTo(1.0);
    assertThat(fresh.rewardMultiplier(NodeStatus.VETTING)).isEqualTo(1.0);
    assertThat(fresh.evaluate(NodeStatus.VETTING, T0).action()).isEqualTo(Action.STAY);
  }

  @Test
  void oneUpdateFollowsTheFormula() {
    NodeReputation once = NodeReputation.fresh(DEFAULTS).recordAudit(AuditOutcome.FAIL, T0);

    // alpha = 0.999*1 + 0, beta = 0.999*0 + 1
    assertThat(once.audit().alpha()).isCloseTo(0.999, within(1e-15));
    assertThat(once.audit().beta()).isCloseTo(1.0, within(1e-15));
    assertThat(once.auditScore()).isCloseTo(0.999 / 1.999, within(1e-15));
  }

  @Test
  void outcomesTouchOnlyTheirTracks() {
    NodeReputation fresh = NodeReputation.fresh(DEFAULTS);

    NodeReputation failed = fresh.recordAudit(AuditOutcome.FAIL, T0);
    NodeReputation unknown = fresh.recordAudit(AuditOutcome.UNKNOWN, T0);
    NodeReputation passed = fresh.recordAudit(AuditOutcome.PASS, T0);

    assertThat(failed.unknownAudit()).isEqualTo(fresh.unknownAudit());
    assertThat(failed.passedAudits()).isZero();
    assertThat(unknown.audit()).isEqualTo(fresh.audit());
    assertThat(unknown.unknownAuditScore()).isLessThan(1.0);
    assertThat(passed.audit().alpha()).isGreaterThan(fresh.audit().alpha() * 0.999);
    assertThat(passed.unknownAudit()).isEqualTo(passed.audit());
    assertThat(passed.passedAudits()).isEqualTo(1);
    assertThat(passed.lastAuditAt()).isEqualTo(T0);
    assertThat(fresh.recordTaskOutcome(false).completionScore()).isLessThan(1.0);
    assertThat(fresh.recordUptime(false).uptimeScore()).isLessThan(1.0);
  }

  @Test
  void aVettingNodeIsActivatedAtTheConfiguredNumberOfPassedAudits() {
    NodeReputation almost = audits(NodeReputation.fresh(DEFAULTS), AuditOutcome.PASS, 99);

    assertThat(almost.evaluate(NodeStatus.VETTING, T0).action()).isEqualTo(Action.STAY);
    ReputationDecision decision =
        almost.recordAudit(AuditOutcome.PASS, T0).evaluate(NodeStatus.VETTING, T0);
    assertThat(decision.action()).isEqualTo(Action.ACTIVATE);
    assertThat(decision.status()).isEqualTo(NodeStatus.ACTIVE);

    NodeReputation local = NodeReputation.fresh(DEFAULTS.withAuditsToActivate(3));
    assertThat(audits(local, AuditOutcome.PASS, 3).evaluate(NodeStatus.VETTING, T0).action())
        .isEqualTo(Action.ACTIVATE);
    assertThat(audits(local, AuditOutcome.PASS, 3).evaluate(NodeStatus.ACTIVE, T0).action())
        .isEqualTo(Action.STAY);
  }

  @Test
  void aNodeIsEjectedExactlyWhenItsAuditScoreFallsBelowTheThreshold() {
    NodeReputation reputation = audits(NodeReputation.fresh(DEFAULTS), AuditOutcome.PASS, 500);
    int failures = 0;
    while (reputation.evaluate(NodeStatus.ACTIVE, T0).action() == Action.STAY) {
      assertThat(reputation.auditScore()).isGreaterThanOrEqualTo(0.96);
      reputation = reputation.recordAudit(AuditOutcome.FAIL, T0);
      failures++;
    }

    ReputationDecision decision = reputation.evaluate(NodeStatus.ACTIVE, T0);
    assertThat(decision.action()).isEqualTo(Action.EJECT);
    assertThat(decision.status()).isEqualTo(NodeStatus.EJECTED);
    assertThat(reputation.auditScore()).isLessThan(0.96);
    // ~393 decayed successes tolerate about 16 failures before 0.96 is crossed.
    assertThat(failures).isBetween(10, 25);
    assertThat(reputation.rewardMultiplier(NodeStatus.EJECTED)).isZero();
    assertThat(decision.reputation().evaluate(NodeStatus.EJECTED, T0).action())
        .isEqualTo(Action.STAY);
  }

  @Test
  void lowUnknownScoreSuspendsAndThenEjectsAfterTheGracePeriod() {
    NodeReputation reputation = audits(NodeReputation.fresh(DEFAULTS), AuditOutcome.PASS, 200);
    while (reputation.unknownAuditScore() >= 0.6) {
      assertThat(reputation.evaluate(NodeStatus.ACTIVE, T0).action()).isEqualTo(Action.STAY);
      reputation = reputation.recordAudit(AuditOutcome.UNKNOWN, T0);
    }

    ReputationDecision suspend = reputation.evaluate(NodeStatus.ACTIVE, T0);
    assertThat(suspend.action()).isEqualTo(Action.SUSPEND);
    assertThat(suspend.status()).isEqualTo(NodeStatus.SUSPENDED);
    assertThat(suspend.reputation().suspendedAt()).isEqualTo(T0);
    assertThat(suspend.reputation().rewardMultiplier(NodeStatus.SUSPENDED)).isZero();

    NodeReputation suspended = suspend.reputation();
    Instant justBefore = T0.plus(Duration.ofDays(7)).minusSeconds(1);
    ReputationDecision within = suspended.evaluate(NodeStatus.SUSPENDED, justBefore);
    assertThat(within.action()).isEqualTo(Action.STAY);
    assertThat(within.reputation().suspendedAt()).isEqualTo(T0);

    ReputationDecision after =
        suspended.evaluate(NodeStatus.SUSPENDED, T0.plus(Duration.ofDays(7)));
    assertThat(after.action()).isEqualTo(Action.EJECT);
    assertThat(after.status()).isEqualTo(NodeStatus.EJECTED);
  }

  @Test
  void aSuspendedNodeThatRecoversWithinTheGracePeriodIsUnsuspended() {
    NodeReputation reputation = audits(NodeReputation.fresh(DEFAULTS), AuditOutcome.PASS, 150);
    reputation = audits(reputation, AuditOutcome.UNKNOWN, 150);
    ReputationDecision suspend = reputation.evaluate(NodeStatus.ACTIVE, T0);
    assertThat(suspend.action()).isEqualTo(Action.SUSPEND);

    NodeReputation recovering = suspend.reputation();
    int passes = 0;
    while (recovering.unknownAuditScore() < 0.6) {
      recovering = recovering.recordAudit(AuditOutcome.PASS, T0.plus(Duration.ofDays(1)));
      passes++;
      if (recovering.unknownAuditScore() < 0.6) {
        assertThat(recovering.evaluate(NodeStatus.SUSPENDED, T0.plus(Duration.ofDays(1))).action())
            .isEqualTo(Action.STAY);
      }
    }

    ReputationDecision back =
        recovering.evaluate(NodeStatus.SUSPENDED, T0.plus(Duration.ofDays(2)));
    assertThat(passes).isPositive();
    assertThat(back.action()).isEqualTo(Action.UNSUSPEND);
    assertThat(back.status()).isEqualTo(NodeStatus.ACTIVE);
    assertThat(back.reputation().suspendedAt()).isNull();
  }

  @Test
  void anUnsuspendedNodeThatWasStillVettingGoesBackToVetting() {
    NodeReputation reputation = audits(NodeReputation.fresh(DEFAULTS), AuditOutcome.UNKNOWN, 5);
    ReputationDecision suspend = reputation.evaluate(NodeStatus.VETTING, T0);
    assertThat(suspend.action()).isEqualTo(Action.SUSPEND);

    NodeReputation recovered = audits(suspend.reputation(), AuditOutcome.PASS, 20);
    ReputationDecision back = recovered.evaluate(NodeStatus.SUSPENDED, T0.plusSeconds(60));

    assertThat(back.action()).isEqualTo(Action.UNSUSPEND);
    assertThat(back.status()).isEqualTo(NodeStatus.VETTING);
  }

  @Test
  void aRestoredReputationEvaluatesLikeTheOriginal() {
    NodeReputation original =
        audits(NodeReputation.fresh(DEFAULTS), AuditOutcome.PASS, 30)
            .recordAudit(AuditOutcome.UNKNOWN, T0)
            .recordTaskOutcome(false)
            .recordUptime(true);

    NodeReputation restored =
        NodeReputation.restore(
            DEFAULTS,
            original.audit(),
            original.unknownAudit(),
            original.completion(),
            original.uptime(),
            original.passedAudits(),
            original.lastAuditAt(),
            original.suspendedAt());

    assertThat(restored).isEqualTo(original);
    assertThat(restored.rewardMultiplier(NodeStatus.ACTIVE))
        .isEqualTo(original.rewardMultiplier(NodeStatus.ACTIVE));
  }
}
