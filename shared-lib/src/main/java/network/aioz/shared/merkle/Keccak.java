package network.aioz.shared.merkle;

import java.util.Arrays;

/** Keccak-256 with one reusable hasher per thread; trees hash millions of tiny inputs. */
final class Keccak {

  private static final ThreadLocal<Keccak256> HASHER = ThreadLocal.withInitial(Keccak256::new);

  private Keccak() {}

  static Keccak256 hasher() {
    return HASHER.get();
  }

  /** Hashes the two 32-byte nodes, the smaller first, as OpenZeppelin's {@code _hashPair} does. */
  static void hashSortedPair(
      Keccak256 hasher, byte[] a, int aOff, byte[] b, int bOff, byte[] out, int outOff) {
    if (Arrays.compareUnsigned(a, aOff, aOff + 32, b, bOff, bOff + 32) <= 0) {
      hasher.hashPair(a, aOff, b, bOff, out, outOff);
    } else {
      hasher.hashPair(b, bOff, a, aOff, out, outOff);
    }
  }

  /** Double hash of an ABI encoding: the leaf hash of OpenZeppelin's StandardMerkleTree. */
  static void standardLeafHash(Keccak256 hasher, byte[] abiEncoded, byte[] out, int outOff) {
    hasher.hash(abiEncoded, 0, abiEncoded.length, out, outOff);
    hasher.hash(out, outOff, 32, out, outOff);
  }
}
