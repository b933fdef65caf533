package network.aioz.proof.challenge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The canonical transcript of a challenge (the edge agent's {@code ChallengeTranscript}; this is
 * the verifier's copy, and the integration tests run both against each other): the UTF-8 lines
 * {@code AIOZ-STORAGE-CHALLENGE-V1}, challengeId, nonce (lower-case hex), pieceDigest (lower-case
 * hex), blockIndex (decimal), leafHash (lower-case hex, empty when there is no answer), joined by
 * {@code \n}. The edge signs its SHA-256 with EIP-191; the result's {@code proofRef} is that
 * SHA-256.
 */
final class Transcript {

  private static final HexFormat HEX = HexFormat.of();

  private Transcript() {}

  static byte[] digest(
      String challengeId, String nonce, String pieceDigest, long blockIndex, byte[] leafHash) {
    String text =
        "AIOZ-STORAGE-CHALLENGE-V1\n"
            + challengeId
            + '\n'
            + nonce.toLowerCase(Locale.ROOT)
            + '\n'
            + pieceDigest.toLowerCase(Locale.ROOT)
            + '\n'
            + blockIndex
            + '\n'
            + (leafHash == null ? "" : HEX.formatHex(leafHash));
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
