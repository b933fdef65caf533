package network.aioz.ledger.activity;

/**
 * What one node did towards a sealed epoch besides its receipts.
 *
 * @param tasksAssigned task attempts that ended on the node (proven or failed)
 * @param tasksCompleted attempts that ended proven
 * @param faults failed proofs and audits
 * @param uptimeSeconds seconds between heartbeats at most the allowed gap apart, inside the epoch
 */
public record EpochActivity(
    String nodeAddress, long tasksAssigned, long tasksCompleted, long faults, long uptimeSeconds) {}
