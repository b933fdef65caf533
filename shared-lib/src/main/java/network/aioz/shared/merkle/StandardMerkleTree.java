package network.aioz.shared.merkle;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * OpenZeppelin's {@code StandardMerkleTree}: each leaf is a tuple of Solidity values, hashed as
 * {@code keccak256(bytes.concat(keccak256(abi.encode(values))))}, in a {@link MerkleTree}. The
 * double hash keeps a leaf from ever being mistaken for an inner node.
 *
 * @param <T> the value type of a leaf
 */
public final class StandardMerkleTree<T> {

  private static final int PARALLEL_THRESHOLD = 4096;

  private final List<T> values;
  private final MerkleTree tree;

  private StandardMerkleTree(List<T> values, MerkleTree tree) {
    this.values = values;
    this.tree = tree;
  }

  /** A tree over tuples of the given Solidity types, like {@code StandardMerkleTree.of}. */
  public static StandardMerkleTree<List<?>> of(List<? extends List<?>> values, List<String> types) {
    AbiEncoding encoding = AbiEncoding.of(types);
    return of(List.copyOf(values), encoding::encode);
  }

  /**
   * A tree over any values, given how each one is ABI-encoded. Leaves are hashed in parallel for
   * large inputs, so {@code abiEncoder} must be thread-safe.
   */
  public static <T> StandardMerkleTree<T> of(
      List<? extends T> values, Function<? super T, byte[]> abiEncoder) {
    List<T> copy = List.copyOf(values);
    int n = copy.size();
    if (n == 0) {
      throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
    }
    byte[] leafHashes = new byte[n * 32];
    IntStream indexes = IntStream.range(0, n);
    if (n >= PARALLEL_THRESHOLD) {
      indexes = indexes.parallel();
    }
    indexes.forEach(
        i -> {
          Keccak256 hasher = Keccak.hasher();
          Keccak.standardLeafHash(hasher, abiEncoder.apply(copy.get(i)), leafHashes, i * 32);
        });
    return new StandardMerkleTree<>(copy, MerkleTree.ofFlatLeafHashes(leafHashes));
  }

  /** {@code keccak256(bytes.concat(keccak256(abiEncoded)))}. */
  public static Bytes32 leafHash(byte[] abiEncoded) {
    byte[] out = new byte[32];
    Keccak.standardLeafHash(Keccak.hasher(), abiEncoded, out, 0);
    return Bytes32.of(out);
  }

  /** The leaf hash of a tuple of the given Solidity types. */
  public static Bytes32 leafHash(List<?> value, List<String> types) {
    return leafHash(AbiEncoding.of(types).encode(value));
  }

  /** Checks a proof as {@code MerkleProof.verify} does on chain. */
  public static boolean verify(Bytes32 root, Bytes32 leafHash, List<Bytes32> proof) {
    return MerkleTree.verify(root, leafHash, proof);
  }

  public Bytes32 root() {
    return tree.root();
  }

  public int size() {
    return values.size();
  }

  public T value(int index) {
    return values.get(index);
  }

  public List<T> values() {
    return values;
  }

  public Bytes32 leafHash(int index) {
    return tree.leafHash(index);
  }

  public List<Bytes32> proof(int index) {
    return tree.proof(index);
  }

  public Optional<List<Bytes32>> proof(Bytes32 leafHash) {
    return tree.proof(leafHash);
  }

  public OptionalInt indexOf(Bytes32 leafHash) {
    return tree.indexOf(leafHash);
  }

  /** Position of the leaf after sorting by hash. */
  public int sortedIndex(int index) {
    return tree.sortedIndex(index);
  }

  /** Position of the leaf in OpenZeppelin's tree array. */
  public int treeIndex(int index) {
    return tree.treeIndex(index);
  }

  /** The underlying tree of leaf hashes. */
  public MerkleTree tree() {
    return tree;
  }
}
