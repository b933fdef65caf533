package network.aioz.proof.challenge;

/**
 * Data of the {@code proof.result} events {@code network.aioz.proof.ProofPassed}, {@code
 * ProofFailed} and {@code ProofInconclusive} (key: taskId). This service owns the contract.
 *
 * @param proofRef 0x-prefixed SHA-256 of the canonical challenge transcript
 * @param reason null when passed; otherwise {@code timeout}, {@code unreachable}, {@code missing},
 *     {@code invalid-proof}, {@code data-mismatch} (or {@code inconclusive})
 * @param kind always {@code storage} here
 */
record ProofResultEvent(
    String taskId,
    String nodeAddress,
    String proofRef,
    String reason,
    String kind,
    String pieceId,
    String challengeId,
    long blockIndex) {

  static final String TOPIC = "proof.result";
}
