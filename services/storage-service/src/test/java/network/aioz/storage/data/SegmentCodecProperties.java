package network.aioz.storage.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Encrypt, code, lose pieces, restore, decrypt: the segment (and any range of it) comes back byte
 * for byte from any k pieces, whatever its size and the policy, also when every array is a reused
 * one full of old bytes (as {@link SegmentBuffers} hands out); tampering fails authentication.
 */
class SegmentCodecProperties {

  private static final int CHUNK = 1024;

  @Property(tries = 60)
  void anyKPiecesGiveBackTheSegment(
      @ForAll @IntRange(min = 1, max = 200_000) int size,
      @ForAll @IntRange(min = 0, max = 2) int policy,
      @ForAll long seed)
      throws java.io.IOException {
    Redundancy redundancy =
        Redundancy.parse(policy == 0 ? "rs-10-4" : policy == 1 ? "rs-4-2" : "replica-3");
    Random random = new Random(seed);
    byte[] plain = new byte[size];
    random.nextBytes(plain);
    // a fresh key per try, even when jqwik repeats a seed: the JDK refuses to encrypt twice with
    // one key and nonce (as it should), and every blob has its own key in the service too
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    SegmentCipher cipher = new SegmentCipher(key, UUID.randomUUID(), CHUNK);
    SegmentCodec codec = new SegmentCodec(redundancy);

    DirtyArrays arrays = new DirtyArrays(random);
    byte[][] shards = codec.encryptAndEncode(cipher, 3, plain.clone(), size, arrays);
    int shardSize = shards[0].length;
    int cipherSize = cipher.cipherSize(size);
    assertThat(arrays.peak)
        .as("what a write lease reserves covers what is taken")
        .isLessThanOrEqualTo(codec.maxPieceBytes(cipher, size))
        .isLessThanOrEqualTo(codec.maxPieceBytes(cipher, size + random.nextInt(100_000)));
    if (!redundancy.replicated()) {
      byte[] data = new byte[shardSize * redundancy.k()];
      for (int i = 0; i < redundancy.k(); i++) {
        System.arraycopy(shards[i], 0, data, i * shardSize, shardSize);
      }
      // no old bytes of a reused array reach an edge: what follows the ciphertext is zeros
      byte[] padding = Arrays.copyOfRange(data, cipherSize, data.length);
      assertThat(new String(padding, java.nio.charset.StandardCharsets.ISO_8859_1))
          .isEqualTo("\0".repeat(padding.length));
    }
    assertThat(shardSize * redundancy.k()).isGreaterThanOrEqualTo(cipherSize);
    assertThat(shardSize * redundancy.k())
        .as("padding stays small")
        .isLessThanOrEqualTo(
            Math.max(cipherSize + cipherSize / 8 + redundancy.k(), cipherSize * 2));

    // lose m random pieces
    byte[][] kept = Arrays.copyOf(shards, shards.length);
    int lost = 0;
    while (lost < redundancy.m()) {
      int i = random.nextInt(kept.length);
      if (kept[i] != null) {
        kept[i] = null;
        lost++;
      }
    }
    // the read path: data restored into reused arrays, each chunk decrypted where it lies
    byte[][] restored = Arrays.copyOf(kept, kept.length);
    codec.restoreData(restored, shardSize, new DirtyArrays(random));
    byte[] scratch = new byte[CHUNK + SegmentCipher.TAG];
    SegmentCipher.Sealed inPieces =
        (offset, length) -> codec.cipherAt(restored, shardSize, offset, length, scratch);
    assertThat(decrypt(cipher, size, inPieces, 0, size)).isEqualTo(plain);
    int from = random.nextInt(size);
    int to = from + 1 + random.nextInt(size - from);
    assertThat(decrypt(cipher, size, inPieces, from, to))
        .as("a range [%d, %d)", from, to)
        .isEqualTo(Arrays.copyOfRange(plain, from, to));

    // the same ciphertext in one array, then tampered with: authentication fails
    byte[] sealed = new byte[cipherSize];
    SegmentCipher.Slice all = codec.cipherAt(restored, shardSize, 0, cipherSize, sealed);
    System.arraycopy(all.array(), all.offset(), sealed, 0, cipherSize);
    SegmentCipher.Sealed inOneArray =
        (offset, length) -> new SegmentCipher.Slice(sealed, (int) offset);
    assertThat(decrypt(cipher, size, inOneArray, 0, size)).isEqualTo(plain);
    sealed[random.nextInt(cipherSize)] ^= 1;
    assertThatThrownBy(() -> decrypt(cipher, size, inOneArray, 0, size))
        .isInstanceOf(SegmentCipher.TamperedDataException.class);
  }

  private static byte[] decrypt(
      SegmentCipher cipher, int size, SegmentCipher.Sealed sealed, int from, int to)
      throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    cipher.decryptRange(3, size, sealed, from, to, new byte[CHUNK], out);
    return out.toByteArray();
  }

  /** Hands out arrays full of random old bytes, as reused ones are, and counts what it gave. */
  private static final class DirtyArrays implements ByteArrays {
    private final Random random;
    long taken;
    long peak;

    DirtyArrays(Random random) {
      this.random = random;
    }

    @Override
    public byte[] take(int length) {
      byte[] array = new byte[length];
      random.nextBytes(array);
      taken += length;
      peak = Math.max(peak, taken);
      return array;
    }

    @Override
    public void give(byte[] array) {
      taken -= array.length;
    }
  }
}
