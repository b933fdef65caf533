package network.aioz.ledger.reputation;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A node's reputation: four beta tracks, its passed-audit count and when its current suspension
 * began. Immutable: every {@code record...} returns the updated value, which the registry persists.
 */
public final class NodeReputation {

  private final ReputationSettings settings;
  private final BetaTrack audit;
  private final BetaTrack unknownAudit;
  private final BetaTrack completion;
  private final BetaTrack uptime;
  private final long passedAudits;
  private final Instant lastAuditAt;
  private final Instant suspendedAt;

  private NodeReputation(
      ReputationSettings settings,
      BetaTrack audit,
      BetaTrack unknownAudit,
      BetaTrack completion,
      BetaTrack uptime,
      long passedAudits,
      Instant lastAuditAt,
      Instant suspendedAt) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.unknownAudit = Objects.requireNonNull(unknownAudit, "unknownAudit");
    this.completion = Objects.requireNonNull(completion, "completion");
    this.uptime = Objects.requireNonNull(uptime, "uptime");
    if (passedAudits < 0) {
      throw new IllegalArgumentException("passedAudits must be >= 0");
    }
    this.passedAudits = passedAudits;
    this.lastAuditAt = lastAuditAt;
    this.suspendedAt = suspendedAt;
  }

  /** A node that just registered. */
  public static NodeReputation fresh(ReputationSettings settings) {
    BetaTrack track = settings.freshTrack();
    return new NodeReputation(settings, track, track, track, track, 0, null, null);
  }

  /** Rebuilds a persisted reputation; the timestamps may be null. */
  public static NodeReputation restore(
      ReputationSettings settings,
      BetaTrack audit,
      BetaTrack unknownAudit,
      BetaTrack completion,
      BetaTrack uptime,
      long passedAudits,
      Instant lastAuditAt,
      Instant suspendedAt) {
    return new NodeReputation(
        settings, audit, unknownAudit, completion, uptime, passedAudits, lastAuditAt, suspendedAt);
  }

  /**
   * One audit. As in Storj, a pass is a success on both audit tracks, a failure counts only on the
   * audit track, and an unknown outcome only on the unknown-audit track.
   */
  public NodeReputation recordAudit(AuditOutcome outcome, Instant now) {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(now, "now");
    double lambda = settings.lambda();
    double weight = settings.weight();
    return switch (outcome) {
      case PASS ->
          new NodeReputation(
              settings,
              audit.record(true, lambda, weight),
              unknownAudit.record(true, lambda, weight),
              completion,
              uptime,
              passedAudits + 1,
              now,
              suspendedAt);
      case FAIL ->
          new NodeReputation(
              settings,
              audit.record(false, lambda, weight),
              unknownAudit,
              completion,
              uptime,
              passedAudits,
              now,
              suspendedAt);
      case UNKNOWN ->
          new NodeReputation(
              settings,
              audit,
              unknownAudit.record(false, lambda, weight),
              completion,
              uptime,
              passedAudits,
              now,
              suspendedAt);
    };
  }

  /** A task this node was assigned ended: completed (and proven) or not. */
  public NodeReputation recordTaskOutcome(boolean completed) {
    return new NodeReputation(
        settings,
        audit,
        unknownAudit,
        completion.record(completed, settings.lambda(), settings.weight()),
        uptime,
        passedAudits,
        lastAuditAt,
        suspendedAt);
  }

  /** One uptime check: the node answered its heartbeat check or not. */
  public NodeReputation recordUptime(boolean online) {
    return new NodeReputation(
        settings,
        audit,
        unknownAudit,
        completion,
        uptime.record(online, settings.lambda(), settings.weight()),
        passedAudits,
        lastAuditAt,
        suspendedAt);
  }

  /**
   * Applies the status rules, in this order: an ejected node stays ejected; an audit score below
   * the eject threshold ejects; a low unknown-audit score suspends, and ejects once the grace
   * period since the suspension has passed; a suspended node whose unknown-audit score recovered is
   * unsuspended; a vetting node with enough passed audits is activated.
   */
  public ReputationDecision evaluate(NodeStatus currentStatus, Instant now) {
    Objects.requireNonNull(currentStatus, "currentStatus");
    Objects.requireNonNull(now, "now");
    if (currentStatus == NodeStatus.EJECTED) {
      return stay(currentStatus, this, "ejected for good");
    }
    if (auditScore() < settings.auditEjectThreshold()) {
      return new ReputationDecision(
          ReputationDecision.Action.EJECT,
          NodeStatus.EJECTED,
          withSuspendedAt(null),
          "audit score %.4f below %.4f".formatted(auditScore(), settings.auditEjectThreshold()));
    }
    boolean unknownLow = unknownAuditScore() < settings.unknownSuspendThreshold();
    if (currentStatus == NodeStatus.SUSPENDED) {
      // A suspension persisted without its timestamp starts its grace period now.
      Instant since = suspendedAt != null ? suspendedAt : now;
      if (!unknownLow) {
        NodeStatus back = vettingDone() ? NodeStatus.ACTIVE : NodeStatus.VETTING;
        return new ReputationDecision(
            ReputationDecision.Action.UNSUSPEND,
            back,
            withSuspendedAt(null),
            "unknown-audit score recovered to %.4f".formatted(unknownAuditScore()));
      }
      Duration suspended = Duration.between(since, now);
      if (suspended.compareTo(settings.suspensionGrace()) >= 0) {
        return new ReputationDecision(
            ReputationDecision.Action.EJECT,
            NodeStatus.EJECTED,
            withSuspendedAt(null),
            "unknown-audit score %.4f still below %.4f after %s of suspension"
                .formatted(unknownAuditScore(), settings.unknownSuspendThreshold(), suspended));
      }
      return stay(currentStatus, withSuspendedAt(since), "suspended, within grace period");
    }
    if (unknownLow) {
      return new ReputationDecision(
          ReputationDecision.Action.SUSPEND,
          NodeStatus.SUSPENDED,
          withSuspendedAt(now),
          "unknown-audit score %.4f below %.4f"
              .formatted(unknownAuditScore(), settings.unknownSuspendThreshold()));
    }
    if (currentStatus == NodeStatus.VETTING && vettingDone()) {
      return new ReputationDecision(
          ReputationDecision.Action.ACTIVATE,
          NodeStatus.ACTIVE,
          this,
          passedAudits + " audits passed");
    }
    return stay(currentStatus, this, "no rule applies");
  }

  /**
   * The reputation factor RR of the reward formula: audit score x completion score x uptime score,
   * and 0 while the node is suspended or ejected.
   */
  public double rewardMultiplier(NodeStatus status) {
    if (status == NodeStatus.SUSPENDED || status == NodeStatus.EJECTED) {
      return 0.0;
    }
    return combinedScore();
  }

  /** Audit x completion x uptime score, in [0,1]: what assignment ranks nodes by. */
  public double combinedScore() {
    return auditScore() * completion.score() * uptime.score();
  }

  public double auditScore() {
    return audit.score();
  }

  public double unknownAuditScore() {
    return unknownAudit.score();
  }

  public double completionScore() {
    return completion.score();
  }

  public double uptimeScore() {
    return uptime.score();
  }

  public BetaTrack audit() {
    return audit;
  }

  public BetaTrack unknownAudit() {
    return unknownAudit;
  }

  public BetaTrack completion() {
    return completion;
  }

  public BetaTrack uptime() {
    return uptime;
  }

  public long passedAudits() {
    return passedAudits;
  }

  /** When the last audit was recorded, or null if never. */
  public Instant lastAuditAt() {
    return lastAuditAt;
  }

  /** When the current suspension began, or null if the node is not suspended. */
  public Instant suspendedAt() {
    return suspendedAt;
  }

  public ReputationSettings settings() {
    return settings;
  }

  private boolean vettingDone() {
    return passedAudits >= settings.auditsToActivate();
  }

  private NodeReputation withSuspendedAt(Instant at) {
    if (Objects.equals(at, suspendedAt)) {
      return this;
    }
    return new NodeReputation(
        settings, audit, unknownAudit, completion, uptime, passedAudits, lastAuditAt, at);
  }

  private static ReputationDecision stay(
      NodeStatus status, NodeReputation reputation, String reason) {
    return new ReputationDecision(ReputationDecision.Action.STAY, status, reputation, reason);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NodeReputation that
        && passedAudits == that.passedAudits
        && settings.equals(that.settings)
        && audit.equals(that.audit)
        && unknownAudit.equals(that.unknownAudit)
        && completion.equals(that.completion)
        && uptime.equals(that.uptime)
        && Objects.equals(lastAuditAt, that.lastAuditAt)
        && Objects.equals(suspendedAt, that.suspendedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        settings, audit, unknownAudit, completion, uptime, passedAudits, lastAuditAt, suspendedAt);
  }

  @Override
  public String toString() {
    return "NodeReputation[audit=%.4f, unknown=%.4f, completion=%.4f, uptime=%.4f, passed=%d, suspendedAt=%s]"
        .formatted(
            auditScore(),
            unknownAuditScore(),
            completionScore(),
            uptimeScore(),
            passedAudits,
            suspendedAt);
  }
}
