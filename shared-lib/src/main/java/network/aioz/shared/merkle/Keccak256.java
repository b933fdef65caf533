package network.aioz.shared.merkle;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Keccak-256 (the original Keccak padding Ethereum uses, not SHA3-256) over BouncyCastle's {@code
 * KeccakDigest}, the implementation web3j uses too, with offsets so trees hash into shared arrays
 * without copying. Not thread-safe: one instance per thread.
 */
final class Keccak256 {

  private final KeccakDigest digest = new KeccakDigest(256);

  void hash(byte[] in, int offset, int length, byte[] out, int outOffset) {
    digest.update(in, offset, length);
    digest.doFinal(out, outOffset);
  }

  /** Hashes {@code a[aOffset..+32] ++ b[bOffset..+32]}, a tree node's two children. */
  void hashPair(byte[] a, int aOffset, byte[] b, int bOffset, byte[] out, int outOffset) {
    digest.update(a, aOffset, 32);
    digest.update(b, bOffset, 32);
    digest.doFinal(out, outOffset);
  }
}
