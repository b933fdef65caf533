package network.aioz.proof.challenge;

import java.security.SignatureException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import network.aioz.proof.piece.Placement;
import network.aioz.shared.edge.EdgeKeys;
import network.aioz.shared.merkle.Bytes32;
import network.aioz.shared.merkle.Hex;
import network.aioz.shared.merkle.rfc6962.BlockTree;
import org.web3j.crypto.Sign;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Judges an edge's answer against what the platform knows (the root it computed before the piece
 * left it, the piece's size and block size) and nothing the edge says about itself: the answer must
 * be to this challenge, carry the right block count, be signed by the node's key over the
 * transcript, lead from its leaf to the root, and, when the block was asked for, the block must
 * hash to that leaf.
 */
final class AnswerVerifier {

  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private AnswerVerifier() {}

  static Verdict verify(Placement placement, SentChallenge sent, int status, byte[] body) {
    String noAnswerRef = proofRef(sent, null);
    if (status == 404) {
      return Verdict.failed(Verdict.MISSING, "the edge does not hold the piece", noAnswerRef);
    }
    if (status != 200) {
      return Verdict.failed(
          Verdict.INVALID_PROOF, "the edge answered HTTP " + status + " instead", noAnswerRef);
    }
    Answer answer;
    try {
      answer = JSON.readValue(body, Answer.class);
    } catch (JacksonException e) {
      return Verdict.failed(Verdict.INVALID_PROOF, "the answer is not JSON", noAnswerRef);
    }
    if (answer == null) {
      return Verdict.failed(Verdict.INVALID_PROOF, "the answer is empty", noAnswerRef);
    }
    byte[] leaf = bytes32(answer.leafHash());
    String proofRef = proofRef(sent, leaf);
    if (!sent.challengeId().equals(answer.challengeId())
        || !sent.pieceDigest().equalsIgnoreCase(String.valueOf(answer.pieceDigest()))
        || answer.blockIndex() == null
        || answer.blockIndex() != sent.blockIndex()) {
      return Verdict.failed(
          Verdict.INVALID_PROOF, "the answer is not to this challenge", noAnswerRef);
    }
    if (leaf == null) {
      return Verdict.failed(Verdict.INVALID_PROOF, "leafHash is not 32 bytes of hex", noAnswerRef);
    }
    if (answer.blockCount() == null || answer.blockCount() != placement.blockCount()) {
      return Verdict.failed(
          Verdict.INVALID_PROOF,
          "wrong block count " + answer.blockCount() + ", expected " + placement.blockCount(),
          proofRef);
    }
    String signer =
        signer(
            Transcript.digest(
                sent.challengeId(), sent.nonce(), sent.pieceDigest(), sent.blockIndex(), leaf),
            answer.signature());
    if (signer == null || !signer.equalsIgnoreCase(placement.nodeAddress())) {
      return Verdict.failed(
          Verdict.INVALID_PROOF,
          "the signature is not the node's" + (signer == null ? "" : " (signed by " + signer + ")"),
          proofRef);
    }
    List<Bytes32> path = path(answer.proof());
    if (path == null) {
      return Verdict.failed(Verdict.INVALID_PROOF, "the proof is not a list of hashes", proofRef);
    }
    Bytes32 root = Bytes32.fromHex(placement.merkleRoot());
    if (!BlockTree.verifyLeafHash(
        root, sent.blockIndex(), placement.blockCount(), Bytes32.of(leaf), path)) {
      return Verdict.failed(
          Verdict.INVALID_PROOF, "the path does not lead from the leaf to the root", proofRef);
    }
    if (sent.includeData()) {
      byte[] data = base64(answer.data());
      if (data == null) {
        return Verdict.failed(
            Verdict.DATA_MISMATCH, "the block was asked for but not sent", proofRef);
      }
      if (data.length != placement.blockLength(sent.blockIndex())
          || !Arrays.equals(BlockTree.leafHash(data).toArray(), leaf)) {
        return Verdict.failed(
            Verdict.DATA_MISMATCH, "the block's bytes do not hash to the leaf", proofRef);
      }
    }
    return Verdict.passed(proofRef);
  }

  static String proofRef(SentChallenge sent, byte[] leafHash) {
    return Hex.encode(
        Transcript.digest(
            sent.challengeId(), sent.nonce(), sent.pieceDigest(), sent.blockIndex(), leafHash));
  }

  /** The address that signed the transcript digest (EIP-191), or null when nothing recovers. */
  static String signer(byte[] transcriptDigest, String signatureHex) {
    try {
      byte[] packed = signatureHex == null ? new byte[0] : Hex.decode(signatureHex);
      if (packed.length != 65) {
        throw new SignatureException("signature must be 65 bytes");
      }
      byte v = packed[64];
      if (v == 0 || v == 1) {
        v += 27;
      }
      Sign.SignatureData data =
          new Sign.SignatureData(
              v, Arrays.copyOfRange(packed, 0, 32), Arrays.copyOfRange(packed, 32, 64));
      return EdgeKeys.address(Sign.signedPrefixedMessageToKey(transcriptDigest, data));
    } catch (SignatureException | RuntimeException e) {
      return null;
    }
  }

  private static byte[] bytes32(String hex) {
    try {
      byte[] bytes = hex == null ? null : Hex.decode(hex);
      return bytes != null && bytes.length == 32 ? bytes : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static List<Bytes32> path(List<String> proof) {
    if (proof == null || proof.size() > 64) {
      return null;
    }
    List<Bytes32> path = new ArrayList<>(proof.size());
    for (String hash : proof) {
      byte[] bytes = bytes32(hash);
      if (bytes == null) {
        return null;
      }
      path.add(Bytes32.of(bytes));
    }
    return path;
  }

  private static byte[] base64(String data) {
    try {
      return data == null ? null : Base64.getDecoder().decode(data);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
