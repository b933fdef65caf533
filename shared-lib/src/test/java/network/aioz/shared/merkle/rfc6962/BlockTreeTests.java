package network.aioz.shared.merkle.rfc6962;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import network.aioz.shared.merkle.Bytes32;
import org.junit.jupiter.api.Test;

/** Known answers from the Certificate Transparency reference implementation's tests. */
class BlockTreeTests {

  private static final List<byte[]> CT_LEAVES =
      Stream.of(
              "",
              "00",
              "10",
              "2021",
              "3031",
              "40414243",
              "5051525354555657",
              "606162636465666768696a6b6c6d6e6f")
          .map(HexFormat.of()::parseHex)
          .toList();

  /** MTH of the first n CT leaves, n = 0..8. */
  private static final List<String> CT_ROOTS =
      List.of(
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  private record PathVector(int index, int size, List<String> path) {}

  private static final List<PathVector> CT_PATHS =
      List.of(
          new PathVector(0, 1, List.of()),
          new PathVector(
              0,
              8,
              List.of(
                  "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                  "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                  "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
          new PathVector(
              5,
              8,
              List.of(
                  "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                  "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
          new PathVector(
              2, 3, List.of("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
          new PathVector(
              1,
              5,
              List.of(
                  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                  "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                  "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));

  @Test
  void rootsMatchTheCtReferenceForEveryPrefix() {
    for (int n = 0; n <= 8; n++) {
      BlockTree tree = BlockTree.ofBlocks(CT_LEAVES.subList(0, n));
      assertThat(tree.root()).as("MTH(D[%d])", n).isEqualTo(Bytes32.fromHex(CT_ROOTS.get(n)));
    }
  }

  @Test
  void auditPathsMatchTheCtReferenceAndVerify() {
    for (PathVector v : CT_PATHS) {
      BlockTree tree = BlockTree.ofBlocks(CT_LEAVES.subList(0, v.size()));
      List<Bytes32> path = tree.proof(v.index());
      assertThat(path)
          .as("PATH(%d, D[%d])", v.index(), v.size())
          .isEqualTo(v.path().stream().map(Bytes32::fromHex).toList());
      Bytes32 root = Bytes32.fromHex(CT_ROOTS.get(v.size()));
      assertThat(BlockTree.verify(root, v.index(), v.size(), CT_LEAVES.get(v.index()), path))
          .isTrue();
      // A different count can share a path's shape (5 and 6 do for leaf 1); twice the count never.
      assertThat(BlockTree.verify(root, v.index(), 2 * v.size(), CT_LEAVES.get(v.index()), path))
          .as("wrong block count")
          .isFalse();
    }
  }

  @Test
  void streamingInFixedBlocksEqualsTheTreeOfThoseBlocks() throws IOException {
    byte[] data = new byte[10 * 4096 + 123];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31 + 7);
    }
    BlockTree streamed = BlockTree.build(new ByteArrayInputStream(data), 4096);

    assertThat(streamed.blockCount()).isEqualTo(11);
    List<byte[]> blocks =
        IntStream.range(0, 11)
            .mapToObj(
                i -> Arrays.copyOfRange(data, i * 4096, Math.min(data.length, (i + 1) * 4096)))
            .toList();
    assertThat(streamed.root()).isEqualTo(BlockTree.ofBlocks(blocks).root());
    assertThat(BlockTree.verify(streamed.root(), 10, 11, blocks.get(10), streamed.proof(10)))
        .isTrue();
  }

  @Test
  void anEmptyStreamHasNoBlocksAndTheEmptyRoot() throws IOException {
    BlockTree tree = BlockTree.build(new ByteArrayInputStream(new byte[0]), 1024);
    assertThat(tree.blockCount()).isZero();
    assertThat(tree.root()).isEqualTo(Bytes32.fromHex(CT_ROOTS.getFirst()));
    assertThatThrownBy(() -> tree.proof(0)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void refusesIndexesOutsideTheTree() {
    BlockTree tree = BlockTree.ofBlocks(CT_LEAVES);
    Bytes32 root = tree.root();
    List<Bytes32> path = tree.proof(3);
    assertThat(BlockTree.verify(root, 8, 8, CT_LEAVES.get(3), path)).isFalse();
    assertThat(BlockTree.verify(root, -1, 8, CT_LEAVES.get(3), path)).isFalse();
    assertThat(BlockTree.verify(root, 2, 8, CT_LEAVES.get(3), path)).isFalse();
  }
}
