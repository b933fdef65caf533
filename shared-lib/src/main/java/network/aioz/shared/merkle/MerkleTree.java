package network.aioz.shared.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * A Merkle tree over 32-byte leaf hashes laid out exactly as OpenZeppelin's {@code makeMerkleTree}
 * (and {@code SimpleMerkleTree}) lays it out: leaves sorted by hash, stored at the end of one array
 * in reverse order, node {@code i} = keccak256 of its children {@code 2i+1} and {@code 2i+2} in
 * ascending order. Roots and proofs are therefore the ones the JS library and {@code
 * MerkleProof.verify} agree on.
 *
 * <p>Leaves are addressed by their position in the input list ("value index"), as in the JS
 * library. Large trees hash their levels in parallel on the common fork-join pool.
 */
public final class MerkleTree {

  /** Below this many nodes per level a single thread is faster than forking. */
  private static final int PARALLEL_THRESHOLD = 8192;

  private static final int CHUNK = 4096;

  /** Keeps (2n-1)*32 bytes addressable by an int. */
  static final int MAX_LEAVES = (Integer.MAX_VALUE - 64) / 64;

  private final byte[] nodes;
  private final int size;
  private final int[] valueAtSorted;
  private final int[] sortedOfValue;

  private MerkleTree(byte[] nodes, int size, int[] valueAtSorted) {
    this.nodes = nodes;
    this.size = size;
    this.valueAtSorted = valueAtSorted;
    this.sortedOfValue = new int[size];
    for (int sorted = 0; sorted < size; sorted++) {
      sortedOfValue[valueAtSorted[sorted]] = sorted;
    }
  }

  /** Builds the tree over the given leaf hashes, sorting them as OpenZeppelin does by default. */
  public static MerkleTree of(List<Bytes32> leafHashes) {
    byte[] flat = new byte[leafHashes.size() * 32];
    for (int i = 0; i < leafHashes.size(); i++) {
      leafHashes.get(i).copyTo(flat, i * 32);
    }
    return ofFlatLeafHashes(flat);
  }

  /**
   * Builds the tree over {@code flat.length / 32} leaf hashes packed back to back; the array is
   * read, not kept.
   */
  static MerkleTree ofFlatLeafHashes(byte[] flat) {
    if (flat.length == 0 || flat.length % 32 != 0) {
      throw new IllegalArgumentException("a Merkle tree needs at least one 32-byte leaf");
    }
    int n = flat.length / 32;
    if (n > MAX_LEAVES) {
      throw new IllegalArgumentException("too many leaves: " + n + " > " + MAX_LEAVES);
    }
    int[] order = sortedOrder(flat, n);
    int length = 2 * n - 1;
    byte[] nodes = new byte[length * 32];
    for (int sorted = 0; sorted < n; sorted++) {
      System.arraycopy(flat, order[sorted] * 32, nodes, (length - 1 - sorted) * 32, 32);
    }
    hashInternalNodes(nodes, n);
    return new MerkleTree(nodes, n, order);
  }

  /**
   * Value indexes in ascending order of their hash, equal hashes in input order (the JS library's
   * stable sort). Sorting primitive keys (hash prefix, index) avoids a comparator over a million
   * boxed integers; only runs with equal prefixes need the full comparison.
   */
  private static int[] sortedOrder(byte[] flat, int n) {
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = (prefix(flat, i) << 31) | i;
    }
    if (n >= PARALLEL_THRESHOLD) {
      Arrays.parallelSort(keys);
    } else {
      Arrays.sort(keys);
    }
    int[] order = new int[n];
    for (int j = 0; j < n; j++) {
      order[j] = (int) (keys[j] & Integer.MAX_VALUE);
    }
    int start = 0;
    while (start < n) {
      int end = start + 1;
      while (end < n && keys[end] >>> 31 == keys[start] >>> 31) {
        end++;
      }
      if (end - start > 1) {
        sortRun(flat, order, start, end);
      }
      start = end;
    }
    return order;
  }

  private static long prefix(byte[] flat, int leaf) {
    int off = leaf * 32;
    return ((flat[off] & 0xffL) << 24)
        | ((flat[off + 1] & 0xffL) << 16)
        | ((flat[off + 2] & 0xffL) << 8)
        | (flat[off + 3] & 0xffL);
  }

  /** Insertion sort of a (tiny) run by full hash; indexes within the run are already ascending. */
  private static void sortRun(byte[] flat, int[] order, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      int value = order[i];
      int j = i - 1;
      while (j >= from && compareLeaves(flat, order[j], value) > 0) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = value;
    }
  }

  private static int compareLeaves(byte[] flat, int a, int b) {
    return Arrays.compareUnsigned(flat, a * 32, a * 32 + 32, flat, b * 32, b * 32 + 32);
  }

  /**
   * Fills nodes {@code n-2 .. 0}. All nodes of one depth depend only on the depth below, so each
   * depth is hashed in parallel once it is wide enough.
   */
  private static void hashInternalNodes(byte[] nodes, int n) {
    int lastInternal = n - 2;
    if (lastInternal < 0) {
      return;
    }
    int depth = 31 - Integer.numberOfLeadingZeros(lastInternal + 1);
    for (; depth >= 0; depth--) {
      int first = (1 << depth) - 1;
      int last = Math.min((1 << (depth + 1)) - 2, lastInternal);
      hashNodesMaybeInParallel(nodes, first, last + 1);
    }
  }

  private static void hashNodesMaybeInParallel(byte[] nodes, int from, int to) {
    int count = to - from;
    if (count < PARALLEL_THRESHOLD) {
      hashNodes(nodes, from, to);
      return;
    }
    int chunks = (count + CHUNK - 1) / CHUNK;
    IntStream.range(0, chunks)
        .parallel()
        .forEach(c -> hashNodes(nodes, from + c * CHUNK, Math.min(to, from + (c + 1) * CHUNK)));
  }

  private static void hashNodes(byte[] nodes, int from, int to) {
    Keccak256 hasher = Keccak.hasher();
    for (int i = from; i < to; i++) {
      Keccak.hashSortedPair(
          hasher, nodes, (2 * i + 1) * 32, nodes, (2 * i + 2) * 32, nodes, i * 32);
    }
  }

  public Bytes32 root() {
    return Bytes32.of(nodes, 0);
  }

  /** Number of leaves. */
  public int size() {
    return size;
  }

  /** The leaf hash given at {@code valueIndex}. */
  public Bytes32 leafHash(int valueIndex) {
    return Bytes32.of(nodes, treeIndex(valueIndex) * 32);
  }

  /** Position of the leaf after sorting by hash (0 = smallest hash). */
  public int sortedIndex(int valueIndex) {
    return sortedOfValue[checkIndex(valueIndex)];
  }

  /** Position of the leaf in OpenZeppelin's tree array ({@code treeIndex} in its dump). */
  public int treeIndex(int valueIndex) {
    return 2 * size - 2 - sortedIndex(valueIndex);
  }

  /** The sibling hashes from the leaf up to (not including) the root, as the JS library returns. */
  public List<Bytes32> proof(int valueIndex) {
    List<Bytes32> proof = new ArrayList<>();
    for (int node = treeIndex(valueIndex); node > 0; node = (node - 1) / 2) {
      int sibling = (node % 2 == 1) ? node + 1 : node - 1;
      proof.add(Bytes32.of(nodes, sibling * 32));
    }
    return List.copyOf(proof);
  }

  /** Proof for the leaf with this hash, or empty if no leaf has it. */
  public Optional<List<Bytes32>> proof(Bytes32 leafHash) {
    OptionalInt index = indexOf(leafHash);
    return index.isPresent() ? Optional.of(proof(index.getAsInt())) : Optional.empty();
  }

  /**
   * The value index of the leaf with this hash. With duplicate leaves, the last one in input order,
   * like the JS library's lookup. A binary search: the leaves are sorted.
   */
  public OptionalInt indexOf(Bytes32 leafHash) {
    byte[] wanted = leafHash.toArray();
    int low = 0;
    int high = size - 1;
    int found = -1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int cmp = compareToSorted(wanted, mid);
      if (cmp > 0) {
        low = mid + 1;
      } else if (cmp < 0) {
        high = mid - 1;
      } else {
        found = mid;
        low = mid + 1;
      }
    }
    return found < 0 ? OptionalInt.empty() : OptionalInt.of(valueAtSorted[found]);
  }

  private int compareToSorted(byte[] wanted, int sorted) {
    int off = (2 * size - 2 - sorted) * 32;
    return Arrays.compareUnsigned(wanted, 0, 32, nodes, off, off + 32);
  }

  private int checkIndex(int valueIndex) {
    if (valueIndex < 0 || valueIndex >= size) {
      throw new IndexOutOfBoundsException("leaf " + valueIndex + " of " + size);
    }
    return valueIndex;
  }

  /** keccak256 of the two nodes in ascending order: OpenZeppelin's {@code _hashPair}. */
  public static Bytes32 hashPair(Bytes32 a, Bytes32 b) {
    byte[] pair = new byte[64];
    byte[] out = new byte[32];
    a.copyTo(pair, 0);
    b.copyTo(pair, 32);
    Keccak.hashSortedPair(Keccak.hasher(), pair, 0, pair, 32, out, 0);
    return Bytes32.of(out);
  }

  /** The root a proof leads to from a leaf: {@code MerkleProof.processProof}. */
  public static Bytes32 processProof(Bytes32 leafHash, List<Bytes32> proof) {
    Bytes32 node = leafHash;
    for (Bytes32 sibling : proof) {
      node = hashPair(node, sibling);
    }
    return node;
  }

  /** What {@code MerkleProof.verify(proof, root, leaf)} answers on chain. */
  public static boolean verify(Bytes32 root, Bytes32 leafHash, List<Bytes32> proof) {
    return processProof(leafHash, proof).equals(root);
  }
}
