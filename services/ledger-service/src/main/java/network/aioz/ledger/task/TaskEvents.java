package network.aioz.ledger.task;

import java.math.BigInteger;

/** Facts about tasks, published on the {@value #TOPIC} topic, one per lifecycle transition. */
public final class TaskEvents {

  public static final String TOPIC = "ledger.task";
  static final String PREFIX = "network.aioz.ledger.";

  private TaskEvents() {}

  /** A task event; its type is the record's simple name under {@value #PREFIX}. */
  public sealed interface TaskEvent {
    String taskId();

    default String type() {
      return PREFIX + getClass().getSimpleName();
    }
  }

  public record TaskRequested(String taskId, String kind, String objectId, Integer pieceIndex)
      implements TaskEvent {}

  public record TaskAssigned(String taskId, String kind, String nodeAddress, int attempt)
      implements TaskEvent {}

  public record TaskStarted(String taskId, String nodeAddress) implements TaskEvent {}

  public record TaskSubmitted(
      String taskId, String nodeAddress, String resultDigest, BigInteger units)
      implements TaskEvent {}

  public record TaskProven(String taskId, String nodeAddress, String proofRef)
      implements TaskEvent {}

  public record TaskFailed(String taskId, String nodeAddress, String reason) implements TaskEvent {}

  public record TaskReassigned(
      String taskId, String fromNodeAddress, String toNodeAddress, int attempt)
      implements TaskEvent {}

  public record TaskSettled(String taskId, String outcome) implements TaskEvent {}

  /** The placing service no longer wants the task's piece; the node may delete it. */
  public record TaskReleased(String taskId, String nodeAddress, String reason)
      implements TaskEvent {}

  /** The node confirmed it dropped a released piece. */
  public record TaskReleaseAcknowledged(String taskId, String nodeAddress) implements TaskEvent {}
}
