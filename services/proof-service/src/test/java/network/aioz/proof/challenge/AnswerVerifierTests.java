package network.aioz.proof.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import network.aioz.proof.piece.Placement;
import network.aioz.shared.edge.EdgeKeys;
import network.aioz.shared.merkle.rfc6962.BlockTree;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import tools.jackson.databind.json.JsonMapper;

class AnswerVerifierTests {

  private static final int BLOCK = 100;
  private static final HexFormat HEX = HexFormat.of();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ECKeyPair node = EdgeKeys.generate();
  private final byte[] bytes = new byte[7 * BLOCK + 42];
  private final List<byte[]> blocks = new ArrayList<>();
  private final BlockTree tree;
  private final Placement placement;

  AnswerVerifierTests() {
    new Random(3).nextBytes(bytes);
    for (int off = 0; off < bytes.length; off += BLOCK) {
      blocks.add(Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + BLOCK)));
    }
    tree = BlockTree.ofBlocks(blocks);
    placement =
        new Placement(
            UUID.randomUUID(),
            UUID.randomUUID(),
            EdgeKeys.address(node),
            "http://127.0.0.1:1",
            "ab".repeat(32),
            bytes.length,
            BLOCK,
            tree.root().toHex().substring(2),
            "t",
            "standard",
            Instant.now(),
            Instant.now(),
            0,
            0,
            null,
            null,
            null,
            false,
            "ACTIVE");
  }

  private SentChallenge challenge(long index, boolean includeData) {
    return new SentChallenge(
        UUID.randomUUID().toString(), "ab".repeat(32), BLOCK, index, includeData, "cd".repeat(32));
  }

  /** What an honest edge answers, with {@code edit} applied before it is signed. */
  private byte[] answer(SentChallenge sent, ECKeyPair signer, Consumer<Map<String, Object>> edit) {
    int index = (int) sent.blockIndex();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("challengeId", sent.challengeId());
    answer.put("pieceDigest", sent.pieceDigest());
    answer.put("blockIndex", sent.blockIndex());
    answer.put("blockCount", tree.blockCount());
    answer.put("leafHash", HEX.formatHex(tree.leafHash(index).toArray()));
    answer.put("proof", tree.proof(index).stream().map(h -> HEX.formatHex(h.toArray())).toList());
    if (sent.includeData()) {
      answer.put("data", Base64.getEncoder().encodeToString(blocks.get(index)));
    }
    answer.put("nodeAddress", EdgeKeys.address(signer));
    edit.accept(answer);
    String leafHex = (String) answer.get("leafHash");
    byte[] leaf = leafHex.matches("[0-9a-f]{64}") ? HEX.parseHex(leafHex) : new byte[32];
    byte[] digest =
        Transcript.digest(
            sent.challengeId(), sent.nonce(), sent.pieceDigest(), sent.blockIndex(), leaf);
    Sign.SignatureData sig = Sign.signPrefixedMessage(digest, signer);
    byte[] packed = new byte[65];
    System.arraycopy(sig.getR(), 0, packed, 0, 32);
    System.arraycopy(sig.getS(), 0, packed, 32, 32);
    packed[64] = sig.getV()[0];
    answer.putIfAbsent("signature", "0x" + HEX.formatHex(packed));
    return JSON.writeValueAsBytes(answer);
  }

  private Verdict verify(SentChallenge sent, byte[] body) {
    return AnswerVerifier.verify(placement, sent, 200, body);
  }

  @Test
  void anHonestAnswerPassesForEveryBlockWithAndWithoutData() {
    for (int i = 0; i < tree.blockCount(); i++) {
      for (boolean data : new boolean[] {true, false}) {
        SentChallenge sent = challenge(i, data);
        Verdict verdict = verify(sent, answer(sent, node, a -> {}));
        assertThat(verdict.result())
            .as("block %d: %s", i, verdict)
            .isEqualTo(Verdict.Result.PASSED);
        assertThat(verdict.reason()).isNull();
        assertThat(verdict.proofRef()).matches("0x[0-9a-f]{64}");
      }
    }
  }

  @Test
  void aSignatureByAnotherKeyIsAnInvalidProof() {
    SentChallenge sent = challenge(2, false);
    assertThat(verify(sent, answer(sent, EdgeKeys.generate(), a -> {})).reason())
        .isEqualTo("invalid-proof");
    assertThat(verify(sent, answer(sent, node, a -> a.put("signature", "0x1234"))).reason())
        .isEqualTo("invalid-proof");
  }

  @Test
  void anAnswerToAnotherChallengeOrNonceIsAnInvalidProof() {
    SentChallenge sent = challenge(2, false);
    SentChallenge other = challenge(2, false);
    assertThat(verify(sent, answer(other, node, a -> {})).reason()).isEqualTo("invalid-proof");
    SentChallenge sameIdOtherNonce =
        new SentChallenge(sent.challengeId(), sent.pieceDigest(), BLOCK, 2, false, "ef".repeat(32));
    assertThat(verify(sent, answer(sameIdOtherNonce, node, a -> {})).detail())
        .contains("signature");
  }

  @Test
  void aWrongBlockCountOrPathIsAnInvalidProof() {
    SentChallenge sent = challenge(3, false);
    assertThat(verify(sent, answer(sent, node, a -> a.put("blockCount", 9))).detail())
        .contains("block count");
    assertThat(
            verify(
                    sent,
                    answer(
                        sent,
                        node,
                        a -> a.put("proof", tree.proof(4).stream().map(h -> h.toHex()).toList())))
                .detail())
        .contains("path");
    SentChallenge lying = challenge(3, false);
    Verdict otherLeaf =
        verify(
            lying,
            answer(lying, node, a -> a.put("leafHash", HEX.formatHex(tree.leafHash(5).toArray()))));
    assertThat(otherLeaf.reason()).isEqualTo("invalid-proof");
  }

  @Test
  void blockBytesThatDoNotHashToTheLeafAreADataMismatch() {
    SentChallenge sent = challenge(7, true);
    byte[] wrong = blocks.get(7).clone();
    wrong[0] ^= 1;
    assertThat(
            verify(
                    sent,
                    answer(
                        sent, node, a -> a.put("data", Base64.getEncoder().encodeToString(wrong))))
                .reason())
        .isEqualTo("data-mismatch");
    assertThat(verify(sent, answer(sent, node, a -> a.remove("data"))).reason())
        .isEqualTo("data-mismatch");
  }

  @Test
  void statusesAndMalformedBodiesMapToStableReasons() {
    SentChallenge sent = challenge(0, false);
    assertThat(AnswerVerifier.verify(placement, sent, 404, new byte[0]).reason())
        .isEqualTo("missing");
    assertThat(AnswerVerifier.verify(placement, sent, 500, new byte[0]).reason())
        .isEqualTo("invalid-proof");
    assertThat(verify(sent, "{not json".getBytes()).reason()).isEqualTo("invalid-proof");
    assertThat(verify(sent, "null".getBytes()).reason()).isEqualTo("invalid-proof");
    assertThat(verify(sent, answer(sent, node, a -> a.put("leafHash", "zz"))).reason())
        .isEqualTo("invalid-proof");
  }
}
