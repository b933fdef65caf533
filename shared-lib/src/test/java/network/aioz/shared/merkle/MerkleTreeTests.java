package network.aioz.shared.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import network.aioz.shared.merkle.MerkleTreeProperties.ReferenceTree;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class MerkleTreeTests {

  @Test
  void aLargeTreeBuiltInParallelMatchesTheReferenceAlgorithm() {
    Random random = new Random(42);
    List<Bytes32> leaves = new ArrayList<>();
    for (int i = 0; i < 40_000; i++) {
      byte[] b = new byte[32];
      random.nextBytes(b);
      leaves.add(Bytes32.of(b));
    }
    MerkleTree tree = MerkleTree.of(leaves);
    ReferenceTree reference = new ReferenceTree(leaves);

    assertThat(tree.root()).isEqualTo(reference.root());
    for (int i : new int[] {0, 1, 4095, 4096, 17_000, 39_999}) {
      assertThat(tree.proof(i)).isEqualTo(reference.proof(i));
    }
  }

  @Test
  void aSingleLeafIsItsOwnRootWithAnEmptyProof() {
    Bytes32 leaf = Bytes32.fromHex("0x" + "ab".repeat(32));
    MerkleTree tree = MerkleTree.of(List.of(leaf));
    assertThat(tree.root()).isEqualTo(leaf);
    assertThat(tree.proof(0)).isEmpty();
  }

  @Test
  void refusesAnEmptyTreeAndUnknownLeaves() {
    assertThatThrownBy(() -> MerkleTree.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    MerkleTree tree = MerkleTree.of(List.of(Bytes32.ZERO));
    assertThat(tree.indexOf(Bytes32.fromHex("0x" + "01".repeat(32)))).isEmpty();
    assertThatThrownBy(() -> tree.proof(1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void pairsAreHashedInAscendingOrder() {
    Bytes32 low = Bytes32.fromHex("0x" + "00".repeat(31) + "01");
    Bytes32 high = Bytes32.fromHex("0x" + "ff".repeat(32));
    assertThat(MerkleTree.hashPair(low, high)).isEqualTo(MerkleTree.hashPair(high, low));
    // keccak256(0x00..01 ++ 0xff..ff), computed independently with web3j
    byte[] concat = new byte[64];
    low.copyTo(concat, 0);
    high.copyTo(concat, 32);
    assertThat(MerkleTree.hashPair(high, low))
        .isEqualTo(Bytes32.of(org.web3j.crypto.Hash.sha3(concat)));
  }

  @Test
  void bytes32ParsesHexStrictlyAndOrdersUnsigned() {
    assertThatThrownBy(() -> Bytes32.fromHex("0x1234"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Bytes32.fromHex("0x" + "zz".repeat(32)))
        .isInstanceOf(IllegalArgumentException.class);
    Bytes32 high = Bytes32.fromHex("0x80" + "00".repeat(31));
    Bytes32 low = Bytes32.fromHex("7f" + "ff".repeat(31));
    assertThat(high).isGreaterThan(low);
    assertThat(low.toHex()).isEqualTo("0x7f" + "ff".repeat(31));
  }

  record Claim(Bytes32 root, List<Bytes32> proof) {}

  @Test
  void bytes32IsAHexStringInJson() {
    JsonMapper json = JsonMapper.builder().build();
    Claim claim = new Claim(Bytes32.fromHex("0x" + "0a".repeat(32)), List.of(Bytes32.ZERO));

    String text = json.writeValueAsString(claim);

    assertThat(text)
        .isEqualTo(
            "{\"root\":\"0x" + "0a".repeat(32) + "\",\"proof\":[\"0x" + "00".repeat(32) + "\"]}");
    assertThat(json.readValue(text, Claim.class)).isEqualTo(claim);
  }
}
