package network.aioz.ledger.task;

/** Where a task is in its lifecycle. */
public enum TaskStatus {
  REQUESTED,
  ASSIGNED,
  RUNNING,
  SUBMITTED,
  PROVEN,
  FAILED,
  SETTLED;

  boolean isOpen() {
    return this == ASSIGNED || this == RUNNING || this == SUBMITTED;
  }
}
