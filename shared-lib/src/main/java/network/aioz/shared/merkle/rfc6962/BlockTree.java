package network.aioz.shared.merkle.rfc6962;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import network.aioz.shared.merkle.Bytes32;

/**
 * The RFC 6962 Merkle Tree Hash of a sequence of blocks: leaf = SHA-256(0x00 || block), node =
 * SHA-256(0x01 || left || right), split at the largest power of two smaller than the count. Audit
 * paths are RFC 6962 section 2.1.1's; {@link #verify} is RFC 9162 section 2.1.3.2's algorithm.
 *
 * <p>Only hashes are kept: 32 bytes per block plus the complete subtrees above them (about twice
 * that in all), never the blocks themselves.
 */
public final class BlockTree {

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  /** {@code levels[h][i]} is the hash of the complete subtree over blocks [i*2^h, (i+1)*2^h). */
  private final byte[][] levels;

  private final int blockCount;
  private final Bytes32 root;

  private BlockTree(byte[] leafHashes, int blockCount) {
    this.blockCount = blockCount;
    List<byte[]> built = new ArrayList<>();
    built.add(leafHashes);
    MessageDigest sha = sha256();
    for (int width = blockCount; width > 1; width /= 2) {
      byte[] below = built.getLast();
      byte[] above = new byte[(width / 2) * 32];
      for (int i = 0; i < width / 2; i++) {
        nodeHash(sha, below, 2 * i * 32, below, (2 * i + 1) * 32, above, i * 32);
      }
      built.add(above);
    }
    this.levels = built.toArray(byte[][]::new);
    this.root = blockCount == 0 ? Bytes32.of(sha.digest()) : Bytes32.of(subtree(0, blockCount));
  }

  /**
   * Reads the stream to its end in blocks of {@code blockSize} bytes (the last one may be shorter)
   * and hashes each as it arrives. Does not close the stream.
   */
  public static BlockTree build(InputStream in, int blockSize) throws IOException {
    if (blockSize <= 0) {
      throw new IllegalArgumentException("block size must be positive: " + blockSize);
    }
    MessageDigest sha = sha256();
    byte[] block = new byte[blockSize];
    byte[] leafHashes = new byte[32 * 64];
    int count = 0;
    int read;
    while ((read = in.readNBytes(block, 0, blockSize)) > 0) {
      if ((count + 1) * 32L > leafHashes.length) {
        if (count == Integer.MAX_VALUE / 64) {
          throw new IllegalArgumentException("too many blocks; use a larger block size");
        }
        leafHashes = Arrays.copyOf(leafHashes, leafHashes.length * 2);
      }
      leafHash(sha, block, read, leafHashes, count * 32);
      count++;
      if (read < blockSize) {
        break;
      }
    }
    return new BlockTree(Arrays.copyOf(leafHashes, count * 32), count);
  }

  /** A tree over blocks already in memory (tests, small pieces). */
  public static BlockTree ofBlocks(List<byte[]> blocks) {
    MessageDigest sha = sha256();
    byte[] leafHashes = new byte[blocks.size() * 32];
    for (int i = 0; i < blocks.size(); i++) {
      leafHash(sha, blocks.get(i), blocks.get(i).length, leafHashes, i * 32);
    }
    return new BlockTree(leafHashes, blocks.size());
  }

  /** SHA-256(0x00 || block). */
  public static Bytes32 leafHash(byte[] block) {
    byte[] out = new byte[32];
    leafHash(sha256(), block, block.length, out, 0);
    return Bytes32.of(out);
  }

  public int blockCount() {
    return blockCount;
  }

  /** MTH of all blocks; SHA-256 of the empty string when there are none (RFC 6962). */
  public Bytes32 root() {
    return root;
  }

  public Bytes32 leafHash(int blockIndex) {
    checkIndex(blockIndex);
    return Bytes32.of(levels[0], blockIndex * 32);
  }

  /** The audit path PATH(m, D[n]) of RFC 6962 section 2.1.1, nearest sibling first. */
  public List<Bytes32> proof(int blockIndex) {
    checkIndex(blockIndex);
    List<Bytes32> path = new ArrayList<>();
    collectPath(blockIndex, 0, blockCount, path);
    return List.copyOf(path.reversed());
  }

  /** Appends siblings root-first; the caller reverses to leaf-first order. */
  private void collectPath(int m, int from, int to, List<Bytes32> path) {
    int n = to - from;
    if (n <= 1) {
      return;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m < k) {
      path.add(Bytes32.of(subtree(from + k, to)));
      collectPath(m, from, from + k, path);
    } else {
      path.add(Bytes32.of(subtree(from, from + k)));
      collectPath(m - k, from + k, to, path);
    }
  }

  /** MTH(D[from:to]); complete aligned subtrees come straight from {@link #levels}. */
  private byte[] subtree(int from, int to) {
    int n = to - from;
    if (Integer.bitCount(n) == 1 && from % n == 0) {
      int height = Integer.numberOfTrailingZeros(n);
      return Arrays.copyOfRange(levels[height], (from / n) * 32, (from / n) * 32 + 32);
    }
    int k = Integer.highestOneBit(n - 1);
    byte[] left = subtree(from, from + k);
    byte[] right = subtree(from + k, to);
    byte[] out = new byte[32];
    nodeHash(sha256(), left, 0, right, 0, out, 0);
    return out;
  }

  /**
   * Checks that {@code block} is block {@code blockIndex} of {@code blockCount} under {@code root}.
   */
  public static boolean verify(
      Bytes32 root, long blockIndex, long blockCount, byte[] block, List<Bytes32> path) {
    return verifyLeafHash(root, blockIndex, blockCount, leafHash(block), path);
  }

  /** RFC 9162 section 2.1.3.2, given the leaf hash instead of the block. */
  public static boolean verifyLeafHash(
      Bytes32 root, long blockIndex, long blockCount, Bytes32 leafHash, List<Bytes32> path) {
    if (blockIndex < 0 || blockIndex >= blockCount) {
      return false;
    }
    long fn = blockIndex;
    long sn = blockCount - 1;
    MessageDigest sha = sha256();
    byte[] r = leafHash.toArray();
    for (Bytes32 sibling : path) {
      if (sn == 0) {
        return false;
      }
      byte[] p = sibling.toArray();
      byte[] next = new byte[32];
      if ((fn & 1) == 1 || fn == sn) {
        nodeHash(sha, p, 0, r, 0, next, 0);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        nodeHash(sha, r, 0, p, 0, next, 0);
      }
      r = next;
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && Arrays.equals(r, root.toArray());
  }

  private void checkIndex(int blockIndex) {
    if (blockIndex < 0 || blockIndex >= blockCount) {
      throw new IndexOutOfBoundsException("block " + blockIndex + " of " + blockCount);
    }
  }

  private static void leafHash(MessageDigest sha, byte[] block, int length, byte[] out, int off) {
    sha.update(LEAF_PREFIX);
    sha.update(block, 0, length);
    digestInto(sha, out, off);
  }

  private static void nodeHash(
      MessageDigest sha, byte[] l, int lOff, byte[] r, int rOff, byte[] out, int off) {
    sha.update(NODE_PREFIX);
    sha.update(l, lOff, 32);
    sha.update(r, rOff, 32);
    digestInto(sha, out, off);
  }

  private static void digestInto(MessageDigest sha, byte[] out, int off) {
    try {
      sha.digest(out, off, 32);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
