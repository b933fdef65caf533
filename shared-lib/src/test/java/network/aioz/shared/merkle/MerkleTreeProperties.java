package network.aioz.shared.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class MerkleTreeProperties {

  @Property(tries = 200)
  void everyProofVerifies(@ForAll("leaves") List<Bytes32> leaves) {
    MerkleTree tree = MerkleTree.of(leaves);
    for (int i = 0; i < leaves.size(); i++) {
      assertThat(MerkleTree.verify(tree.root(), leaves.get(i), tree.proof(i))).isTrue();
    }
  }

  @Property(tries = 200)
  void aTamperedLeafOrProofDoesNotVerify(
      @ForAll("leaves") List<Bytes32> leaves,
      @ForAll @IntRange(min = 0, max = 299) int pick,
      @ForAll @IntRange(min = 0, max = 255) int bit) {
    MerkleTree tree = MerkleTree.of(leaves);
    int i = pick % leaves.size();
    List<Bytes32> proof = tree.proof(i);

    assertThat(MerkleTree.verify(tree.root(), flip(leaves.get(i), bit), proof)).isFalse();
    if (!proof.isEmpty()) {
      List<Bytes32> tampered = new ArrayList<>(proof);
      int at = bit % proof.size();
      tampered.set(at, flip(proof.get(at), bit));
      assertThat(MerkleTree.verify(tree.root(), leaves.get(i), tampered)).isFalse();
    }
  }

  @Property(tries = 100)
  void theRootDoesNotDependOnInputOrder(
      @ForAll("leaves") List<Bytes32> leaves, @ForAll Random random) {
    List<Bytes32> shuffled = new ArrayList<>(leaves);
    Collections.shuffle(shuffled, random);
    assertThat(MerkleTree.of(shuffled).root()).isEqualTo(MerkleTree.of(leaves).root());
  }

  /** Leaves sharing prefixes and repeating, to exercise the tie-breaking of the sort. */
  @Property(tries = 200)
  void matchesTheJsAlgorithmEvenWithSharedPrefixesAndDuplicates(
      @ForAll("collidingLeaves") List<Bytes32> leaves) {
    MerkleTree tree = MerkleTree.of(leaves);
    ReferenceTree reference = new ReferenceTree(leaves);

    assertThat(tree.root()).isEqualTo(reference.root());
    for (int i = 0; i < leaves.size(); i++) {
      assertThat(tree.treeIndex(i)).isEqualTo(reference.treeIndex(i));
      assertThat(tree.proof(i)).isEqualTo(reference.proof(i));
    }
  }

  @Provide
  Arbitrary<List<Bytes32>> leaves() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofSize(32)
        .map(Bytes32::of)
        .list()
        .ofMinSize(1)
        .ofMaxSize(300);
  }

  @Provide
  Arbitrary<List<Bytes32>> collidingLeaves() {
    Arbitrary<Bytes32> leaf =
        Arbitraries.integers()
            .between(0, 3)
            .flatMap(
                prefix ->
                    Arbitraries.integers()
                        .between(0, 5)
                        .map(
                            tail -> {
                              byte[] b = new byte[32];
                              b[3] = (byte) prefix.intValue();
                              b[31] = (byte) tail.intValue();
                              b[10] = (byte) (tail * prefix);
                              return Bytes32.of(b);
                            }));
    return leaf.list().ofMinSize(1).ofMaxSize(60);
  }

  static Bytes32 flip(Bytes32 value, int bit) {
    byte[] b = value.toArray();
    b[bit / 8] ^= (byte) (1 << (bit % 8));
    return Bytes32.of(b);
  }

  /** A literal transcription of the JS library's makeMerkleTree/getProof over Bytes32 objects. */
  static final class ReferenceTree {
    private final Bytes32[] tree;
    private final int[] treeIndexOfValue;

    ReferenceTree(List<Bytes32> leaves) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < leaves.size(); i++) {
        order.add(i);
      }
      order.sort(Comparator.comparing(leaves::get)); // List.sort is stable, like Array.sort
      tree = new Bytes32[2 * leaves.size() - 1];
      treeIndexOfValue = new int[leaves.size()];
      for (int j = 0; j < order.size(); j++) {
        tree[tree.length - 1 - j] = leaves.get(order.get(j));
        treeIndexOfValue[order.get(j)] = tree.length - 1 - j;
      }
      for (int i = tree.length - 1 - leaves.size(); i >= 0; i--) {
        tree[i] = MerkleTree.hashPair(tree[2 * i + 1], tree[2 * i + 2]);
      }
    }

    Bytes32 root() {
      return tree[0];
    }

    int treeIndex(int value) {
      return treeIndexOfValue[value];
    }

    List<Bytes32> proof(int value) {
      List<Bytes32> proof = new ArrayList<>();
      for (int i = treeIndexOfValue[value]; i > 0; i = (i - 1) / 2) {
        proof.add(tree[i % 2 == 1 ? i + 1 : i - 1]);
      }
      return proof;
    }
  }
}
