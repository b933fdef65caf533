package network.aioz.ledger.proof;

/**
 * The ledger's copy of the proof service's result event, with the fields it reads. Event types:
 * {@code network.aioz.proof.ProofPassed}, {@code ProofFailed}, {@code ProofInconclusive}.
 *
 * @param proofRef what identifies the evidence: 0x-prefixed 32-byte hex, or any text (bound by its
 *     keccak256)
 */
record ProofResult(String taskId, String nodeAddress, String proofRef, String reason) {}
