package network.aioz.edge.proof;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The canonical transcript of one answered challenge: the UTF-8 text
 *
 * <pre>
 * AIOZ-STORAGE-CHALLENGE-V1
 * {challengeId}
 * {nonce, lower-case hex}
 * {pieceDigest, lower-case hex}
 * {blockIndex, decimal}
 * {leafHash, lower-case hex, empty when there is no answer}
 * </pre>
 *
 * joined by {@code \n} without a trailing newline. The node signs its SHA-256 with EIP-191 {@code
 * personal_sign} (the 32 digest bytes are the message); the proof service publishes the same
 * SHA-256 as the result's {@code proofRef}. The nonce makes each transcript unique, so an answer
 * recorded once cannot be replayed to a later challenge.
 */
public final class ChallengeTranscript {

  static final String SCHEME = "AIOZ-STORAGE-CHALLENGE-V1";
  private static final HexFormat HEX = HexFormat.of();

  private ChallengeTranscript() {}

  public static String text(
      String challengeId, String nonce, String pieceDigest, long blockIndex, byte[] leafHash) {
    return SCHEME
        + '\n'
        + challengeId
        + '\n'
        + nonce.toLowerCase(Locale.ROOT)
        + '\n'
        + pieceDigest.toLowerCase(Locale.ROOT)
        + '\n'
        + blockIndex
        + '\n'
        + (leafHash == null ? "" : HEX.formatHex(leafHash));
  }

  /** SHA-256 of {@link #text}: what the node signs and what a result cites. */
  public static byte[] digest(
      String challengeId, String nonce, String pieceDigest, long blockIndex, byte[] leafHash) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(
              text(challengeId, nonce, pieceDigest, blockIndex, leafHash)
                  .getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
