package network.aioz.shared.merkle.rfc6962;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import network.aioz.shared.merkle.Bytes32;

class BlockTreeProperties {

  @Property(tries = 200)
  void everyBlockProofVerifiesAndAnyFlippedByteFails(
      @ForAll @Size(max = 3000) byte[] data,
      @ForAll @IntRange(min = 1, max = 97) int blockSize,
      @ForAll @IntRange(min = 0, max = 1_000_000) int pick)
      throws IOException {
    BlockTree tree = BlockTree.build(new ByteArrayInputStream(data), blockSize);
    List<byte[]> blocks = split(data, blockSize);
    assertThat(tree.blockCount()).isEqualTo(blocks.size());
    assertThat(tree.root()).isEqualTo(referenceRoot(blocks));

    for (int i = 0; i < blocks.size(); i++) {
      assertThat(BlockTree.verify(tree.root(), i, blocks.size(), blocks.get(i), tree.proof(i)))
          .isTrue();
    }
    if (blocks.isEmpty()) {
      return;
    }
    int i = pick % blocks.size();
    byte[] tampered = blocks.get(i).clone();
    tampered[pick % tampered.length] ^= 1;
    assertThat(BlockTree.verify(tree.root(), i, blocks.size(), tampered, tree.proof(i))).isFalse();

    List<Bytes32> path = new ArrayList<>(tree.proof(i));
    if (!path.isEmpty()) {
      int at = pick % path.size();
      byte[] node = path.get(at).toArray();
      node[pick % 32] ^= 1;
      path.set(at, Bytes32.of(node));
      assertThat(BlockTree.verify(tree.root(), i, blocks.size(), blocks.get(i), path)).isFalse();
    }
  }

  private static List<byte[]> split(byte[] data, int blockSize) {
    List<byte[]> blocks = new ArrayList<>();
    for (int off = 0; off < data.length; off += blockSize) {
      blocks.add(Arrays.copyOfRange(data, off, Math.min(data.length, off + blockSize)));
    }
    return blocks;
  }

  /** RFC 6962 section 2.1 MTH, transcribed literally. */
  private static Bytes32 referenceRoot(List<byte[]> blocks) {
    return Bytes32.of(mth(blocks));
  }

  private static byte[] mth(List<byte[]> d) {
    if (d.isEmpty()) {
      return sha256(new byte[0]);
    }
    if (d.size() == 1) {
      return sha256(concat(new byte[] {0}, d.getFirst()));
    }
    int k = 1;
    while (k * 2 < d.size()) {
      k *= 2;
    }
    return sha256(concat(new byte[] {1}, mth(d.subList(0, k)), mth(d.subList(k, d.size()))));
  }

  private static byte[] concat(byte[]... parts) {
    int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
    byte[] out = new byte[length];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
