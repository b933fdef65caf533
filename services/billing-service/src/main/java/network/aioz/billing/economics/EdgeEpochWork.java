package network.aioz.billing.economics;

/**
 * What one edge did in an epoch: its proven resources, the tasks it was assigned and completed, and
 * the faults (failed proofs) held against it.
 */
public record EdgeEpochWork(
    String address, WorkProved work, long tasksAssigned, long tasksCompleted, int faults) {

  public EdgeEpochWork {
    address = Checks.address(address);
    Checks.notNull(work, "work proved by " + address);
    Checks.nonNegative(tasksAssigned, "tasks assigned to " + address);
    Checks.nonNegative(tasksCompleted, "tasks completed by " + address);
    Checks.nonNegative(faults, "faults of " + address);
    if (tasksCompleted > tasksAssigned) {
      throw new IllegalArgumentException(
          address
              + " completed "
              + tasksCompleted
              + " tasks but was assigned only "
              + tasksAssigned);
    }
  }
}
