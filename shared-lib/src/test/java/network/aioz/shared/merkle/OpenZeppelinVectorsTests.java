package network.aioz.shared.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import network.aioz.shared.merkle.OpenZeppelinVectors.Leaf;
import network.aioz.shared.merkle.OpenZeppelinVectors.SimpleCase;
import network.aioz.shared.merkle.OpenZeppelinVectors.StandardCase;
import org.junit.jupiter.api.Test;

class OpenZeppelinVectorsTests {

  private static final OpenZeppelinVectors VECTORS = OpenZeppelinVectors.load();

  @Test
  void vectorsCoverTheSizesTheBriefAsksFor() {
    assertThat(VECTORS.generator()).startsWith("@openzeppelin/merkle-tree ");
    assertThat(VECTORS.standard())
        .extracting(c -> c.values().size())
        .contains(1, 2, 3, 5, 8, 13, 100);
    assertThat(VECTORS.simple()).isNotEmpty();
  }

  @Test
  void standardTreesMatchTheJsLibraryLeafForLeaf() {
    for (StandardCase c : VECTORS.standard()) {
      StandardMerkleTree<List<?>> tree = StandardMerkleTree.of(c.values(), c.types());

      assertThat(tree.root()).as(c.name()).isEqualTo(Bytes32.fromHex(c.root()));
      for (int i = 0; i < c.values().size(); i++) {
        Leaf expected = c.leaves().get(i);
        Bytes32 hash = Bytes32.fromHex(expected.hash());
        String where = c.name() + " leaf " + i;
        assertThat(tree.leafHash(i)).as(where).isEqualTo(hash);
        assertThat(StandardMerkleTree.leafHash(c.values().get(i), c.types()))
            .as(where)
            .isEqualTo(hash);
        assertThat(tree.treeIndex(i)).as(where).isEqualTo(expected.treeIndex());
        assertThat(tree.sortedIndex(i))
            .as(where)
            .isEqualTo(c.tree().size() - 1 - expected.treeIndex());
        assertThat(c.tree().get(expected.treeIndex())).as(where).isEqualTo(expected.hash());
        assertThat(tree.proof(i)).as(where).isEqualTo(OpenZeppelinVectors.hashes(expected.proof()));
        assertThat(tree.indexOf(hash)).as(where).hasValue(i);
        assertThat(StandardMerkleTree.verify(tree.root(), hash, tree.proof(i))).as(where).isTrue();
      }
    }
  }

  @Test
  void simpleTreesMatchTheJsLibrary() {
    for (SimpleCase c : VECTORS.simple()) {
      List<Bytes32> leaves = OpenZeppelinVectors.hashes(c.values());
      MerkleTree tree = MerkleTree.of(leaves);

      assertThat(tree.root()).as(c.name()).isEqualTo(Bytes32.fromHex(c.root()));
      for (int i = 0; i < leaves.size(); i++) {
        Leaf expected = c.leaves().get(i);
        assertThat(tree.leafHash(i)).isEqualTo(leaves.get(i));
        assertThat(tree.treeIndex(i)).as(c.name() + " leaf " + i).isEqualTo(expected.treeIndex());
        assertThat(tree.proof(i))
            .as(c.name() + " leaf " + i)
            .isEqualTo(OpenZeppelinVectors.hashes(expected.proof()));
        assertThat(tree.proof(leaves.get(i))).hasValue(tree.proof(i));
      }
    }
  }

  @Test
  void theWholeTreeArrayIsReproducedThroughProofs() {
    // Every node of the JS tree array appears in some proof or is the root: check the sibling of
    // each leaf's path against the array itself, which pins the array layout, not just the root.
    for (StandardCase c : VECTORS.standard()) {
      StandardMerkleTree<List<?>> tree = StandardMerkleTree.of(c.values(), c.types());
      for (int i = 0; i < c.values().size(); i++) {
        int node = tree.treeIndex(i);
        for (Bytes32 sibling : tree.proof(i)) {
          int siblingIndex = node % 2 == 1 ? node + 1 : node - 1;
          assertThat(sibling.toHex()).isEqualTo(c.tree().get(siblingIndex));
          node = (node - 1) / 2;
        }
      }
    }
  }
}
