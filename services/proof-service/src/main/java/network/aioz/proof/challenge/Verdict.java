package network.aioz.proof.challenge;

import java.util.Locale;

/**
 * What one challenge showed.
 *
 * @param reason a stable failure reason ({@code timeout}, {@code unreachable}, {@code missing},
 *     {@code invalid-proof}, {@code data-mismatch}), {@code inconclusive} for faults on our side,
 *     null when passed
 * @param detail what exactly was wrong, for operators
 * @param proofRef 0x-prefixed SHA-256 of the challenge transcript
 */
record Verdict(Result result, String reason, String detail, String proofRef) {

  enum Result {
    PASSED,
    FAILED,
    INCONCLUSIVE;

    String eventType() {
      String name = name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
      return "network.aioz.proof.Proof" + name;
    }
  }

  static final String TIMEOUT = "timeout";
  static final String UNREACHABLE = "unreachable";
  static final String MISSING = "missing";
  static final String INVALID_PROOF = "invalid-proof";
  static final String DATA_MISMATCH = "data-mismatch";
  static final String INCONCLUSIVE = "inconclusive";

  static Verdict passed(String proofRef) {
    return new Verdict(Result.PASSED, null, null, proofRef);
  }

  static Verdict failed(String reason, String detail, String proofRef) {
    return new Verdict(Result.FAILED, reason, detail, proofRef);
  }

  /**
   * The node could not be reached: not evidence that it lost the piece (it may be offline, or we
   * may be cut off), so it counts on the ledger's unknown-audit track, which suspends rather than
   * ejects; a node that stays away is handled by uptime and by the storage service's offline
   * repair. One network blip must not disqualify every node whose pieces were challenged in it.
   */
  static Verdict unreachable(String detail, String proofRef) {
    return new Verdict(Result.INCONCLUSIVE, UNREACHABLE, detail, proofRef);
  }

  static Verdict inconclusive(String detail, String proofRef) {
    return new Verdict(Result.INCONCLUSIVE, INCONCLUSIVE, detail, proofRef);
  }
}
