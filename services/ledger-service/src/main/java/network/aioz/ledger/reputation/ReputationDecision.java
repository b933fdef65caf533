package network.aioz.ledger.reputation;

import java.util.Objects;

/**
 * What {@link NodeReputation#evaluate} concluded.
 *
 * @param action the transition, {@link Action#STAY} when the status does not change
 * @param status the status the node should have now
 * @param reputation the reputation to persist: it records when a suspension began or ended
 * @param reason why, for the event and the operator's dashboard
 */
public record ReputationDecision(
    Action action, NodeStatus status, NodeReputation reputation, String reason) {

  public ReputationDecision {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reputation, "reputation");
    Objects.requireNonNull(reason, "reason");
  }

  /** A change of status, or none. */
  public enum Action {
    STAY,
    ACTIVATE,
    SUSPEND,
    UNSUSPEND,
    EJECT
  }
}
