package network.aioz.ledger.task;

/**
 * What a proof result did to its task.
 *
 * @param task the task after the result
 * @param effect whether the task changed or the result counts for the node's reputation only
 */
public record ProofOutcome(Task task, Effect effect) {

  /** The ways a proof result applies to a task. */
  public enum Effect {
    /** A submitted task is proven now: it earns its work receipt. */
    PROVEN,
    /** An open task failed and moved to another node (or settled as failed). */
    FAILED,
    /**
     * The task stays as it is: a recurring storage audit of a piece the node still holds (already
     * proven or settled), or a pass that arrived before the edge submitted.
     */
    AUDIT_ONLY
  }
}
