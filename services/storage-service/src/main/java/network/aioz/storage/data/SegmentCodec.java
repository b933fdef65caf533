package network.aioz.storage.data;

import java.util.Arrays;
import network.aioz.erasure.ReedSolomon;

/**
 * Splits a segment's ciphertext into k equal data shards (the last zero-padded) and adds m parity
 * shards, or, for replication, makes every piece a copy; and puts a segment back together from any
 * k pieces.
 */
public final class SegmentCodec {

  private final Redundancy redundancy;
  private final ReedSolomon rs;

  public SegmentCodec(Redundancy redundancy) {
    this.redundancy = redundancy;
    this.rs = redundancy.replicated() ? null : ReedSolomon.create(redundancy.k(), redundancy.m());
  }

  public Redundancy redundancy() {
    return redundancy;
  }

  public int shardSize(int cipherSize) {
    return Math.max(1, (cipherSize + redundancy.k() - 1) / redundancy.k());
  }

  /**
   * Encrypts a segment and codes it into its n pieces. A segment of at least k chunks is encrypted
   * chunk by chunk straight into its data shards, a whole number of chunks per shard (so no chunk
   * straddles two pieces, a ranged read is one request to one edge, and the memory of a segment in
   * flight is its plaintext and its pieces, nothing more); concatenating the data shards still
   * gives the ciphertext in order, then zero padding. A shorter segment is split byte-wise, so
   * small objects are not padded to k whole chunks.
   */
  public byte[][] encryptAndEncode(SegmentCipher cipher, int segment, byte[] plain, int plainSize) {
    int chunks = cipher.chunks(plainSize);
    if (redundancy.replicated() || chunks < redundancy.k()) {
      byte[] sealed = new byte[cipher.cipherSize(plainSize)];
      cipher.encrypt(segment, plain, plainSize, sealed);
      return encode(sealed, sealed.length);
    }
    int full = cipher.chunkSize() + SegmentCipher.TAG;
    int perShard = (chunks + redundancy.k() - 1) / redundancy.k();
    int shardSize = perShard * full;
    byte[][] shards = new byte[redundancy.pieces()][];
    for (int i = 0; i < shards.length; i++) {
      shards[i] = new byte[shardSize];
    }
    for (int c = 0; c < chunks; c++) {
      cipher.encryptChunk(
          segment, plainSize, c, plain, shards[c / perShard], (c % perShard) * full);
    }
    rs.encodeParity(shards, 0, shardSize);
    return shards;
  }

  /** The n pieces of {@code cipher[0, cipherSize)}, each {@link #shardSize} bytes. */
  public byte[][] encode(byte[] cipher, int cipherSize) {
    int shardSize = shardSize(cipherSize);
    byte[][] shards = new byte[redundancy.pieces()][];
    if (redundancy.replicated()) {
      byte[] copy = Arrays.copyOf(cipher, cipherSize);
      Arrays.fill(shards, copy);
      return shards;
    }
    for (int i = 0; i < redundancy.k(); i++) {
      shards[i] = new byte[shardSize];
      int from = i * shardSize;
      int length = Math.max(0, Math.min(shardSize, cipherSize - from));
      if (length > 0) {
        System.arraycopy(cipher, from, shards[i], 0, length);
      }
    }
    for (int i = redundancy.k(); i < redundancy.pieces(); i++) {
      shards[i] = new byte[shardSize];
    }
    rs.encodeParity(shards, 0, shardSize);
    return shards;
  }

  /**
   * Reassembles the ciphertext from the pieces present ({@code shards[i] != null}); missing data
   * shards are rebuilt in place.
   *
   * @throws network.aioz.erasure.NotEnoughShardsException when fewer than k are present
   */
  public byte[] decode(byte[][] shards, int shardSize, int cipherSize) {
    if (redundancy.replicated()) {
      for (byte[] copy : shards) {
        if (copy != null) {
          return copy.length == cipherSize ? copy : Arrays.copyOf(copy, cipherSize);
        }
      }
      throw new IllegalStateException("no copy of the segment is present");
    }
    boolean[] present = new boolean[shards.length];
    boolean allData = true;
    for (int i = 0; i < shards.length; i++) {
      present[i] = shards[i] != null;
      if (!present[i]) {
        if (i < redundancy.k()) {
          allData = false;
        }
        shards[i] = new byte[shardSize];
      }
    }
    if (!allData) {
      rs.reconstructData(shards, present, 0, shardSize);
    }
    byte[] cipher = new byte[cipherSize];
    for (int i = 0; i < redundancy.k(); i++) {
      int from = i * shardSize;
      int length = Math.max(0, Math.min(shardSize, cipherSize - from));
      if (length > 0) {
        System.arraycopy(shards[i], 0, cipher, from, length);
      }
    }
    return cipher;
  }

  /** Rebuilds every missing piece (data and parity) from the present ones, for repair. */
  public void rebuild(byte[][] shards, int shardSize) {
    if (redundancy.replicated()) {
      byte[] copy = null;
      for (byte[] s : shards) {
        if (s != null) {
          copy = s;
        }
      }
      if (copy == null) {
        throw new IllegalStateException("no copy of the segment is present");
      }
      for (int i = 0; i < shards.length; i++) {
        shards[i] = copy;
      }
      return;
    }
    boolean[] present = new boolean[shards.length];
    for (int i = 0; i < shards.length; i++) {
      present[i] = shards[i] != null;
      if (!present[i]) {
        shards[i] = new byte[shardSize];
      }
    }
    rs.reconstruct(shards, present, 0, shardSize);
  }
}
