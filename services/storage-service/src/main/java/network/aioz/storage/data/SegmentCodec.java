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
    return encryptAndEncode(cipher, segment, plain, plainSize, ByteArrays.HEAP);
  }

  /**
   * As above, with the pieces (and any temporary ciphertext, given back before returning) taken
   * from {@code arrays}; at most {@link #maxPieceBytes} bytes. Replicas are one array.
   */
  public byte[][] encryptAndEncode(
      SegmentCipher cipher, int segment, byte[] plain, int plainSize, ByteArrays arrays) {
    int chunks = cipher.chunks(plainSize);
    if (redundancy.replicated() || chunks < redundancy.k()) {
      int cipherSize = cipher.cipherSize(plainSize);
      byte[] sealed = arrays.take(cipherSize);
      cipher.encrypt(segment, plain, plainSize, sealed);
      if (redundancy.replicated()) {
        byte[][] copies = new byte[redundancy.pieces()][];
        Arrays.fill(copies, sealed);
        return copies;
      }
      byte[][] shards = encode(sealed, cipherSize, arrays);
      arrays.give(sealed);
      return shards;
    }
    int full = cipher.chunkSize() + SegmentCipher.TAG;
    int perShard = (chunks + redundancy.k() - 1) / redundancy.k();
    int shardSize = perShard * full;
    byte[][] shards = new byte[redundancy.pieces()][];
    for (int i = 0; i < shards.length; i++) {
      shards[i] = arrays.take(shardSize);
    }
    int end = 0;
    for (int c = 0; c < chunks; c++) {
      int at = (c % perShard) * full;
      cipher.encryptChunk(segment, plainSize, c, plain, shards[c / perShard], at);
      end = at + cipher.chunkPlainLength(plainSize, c) + SegmentCipher.TAG;
    }
    // reused arrays hold old bytes: the padding after the last chunk must be zeros
    int lastShard = (chunks - 1) / perShard;
    Arrays.fill(shards[lastShard], end, shardSize, (byte) 0);
    for (int i = lastShard + 1; i < redundancy.k(); i++) {
      Arrays.fill(shards[i], (byte) 0);
    }
    rs.encodeParity(shards, 0, shardSize);
    return shards;
  }

  /**
   * The most bytes {@link #encryptAndEncode} takes for a segment of at most {@code plainCapacity}
   * bytes: n chunk-aligned pieces, or for a short segment its ciphertext and n pieces of a k-th of
   * it, or one replica.
   */
  public long maxPieceBytes(SegmentCipher cipher, int plainCapacity) {
    if (redundancy.replicated()) {
      return cipher.cipherSize(plainCapacity);
    }
    int k = redundancy.k();
    int shortest = Math.min(plainCapacity, (k - 1) * cipher.chunkSize());
    long shortBytes =
        cipher.cipherSize(shortest)
            + (long) redundancy.pieces() * shardSize(cipher.cipherSize(shortest));
    int chunks = cipher.chunks(plainCapacity);
    if (chunks < k) {
      return shortBytes;
    }
    long perShard = (chunks + k - 1) / k;
    long aligned = redundancy.pieces() * perShard * (cipher.chunkSize() + SegmentCipher.TAG);
    return Math.max(shortBytes, aligned);
  }

  /** The n pieces of {@code cipher[0, cipherSize)}, each {@link #shardSize} bytes. */
  private byte[][] encode(byte[] cipher, int cipherSize, ByteArrays arrays) {
    int shardSize = shardSize(cipherSize);
    byte[][] shards = new byte[redundancy.pieces()][];
    for (int i = 0; i < redundancy.k(); i++) {
      shards[i] = arrays.take(shardSize);
      int from = i * shardSize;
      int length = Math.max(0, Math.min(shardSize, cipherSize - from));
      if (length > 0) {
        System.arraycopy(cipher, from, shards[i], 0, length);
      }
      Arrays.fill(shards[i], length, shardSize, (byte) 0);
    }
    for (int i = redundancy.k(); i < redundancy.pieces(); i++) {
      shards[i] = arrays.take(shardSize);
    }
    rs.encodeParity(shards, 0, shardSize);
    return shards;
  }

  /**
   * Puts back the data of a segment from the pieces present ({@code shards[i] != null}): missing
   * data shards are rebuilt into arrays from {@code arrays}; missing parity stays null. After it,
   * {@link #cipherAt} can read any ciphertext range (no segment-sized copy is ever made).
   *
   * @throws IllegalStateException when fewer than k are present
   */
  public void restoreData(byte[][] shards, int shardSize, ByteArrays arrays) {
    if (redundancy.replicated()) {
      for (byte[] copy : shards) {
        if (copy != null) {
          return;
        }
      }
      throw new IllegalStateException("no copy of the segment is present");
    }
    boolean[] present = new boolean[shards.length];
    boolean allData = true;
    int have = 0;
    for (int i = 0; i < shards.length; i++) {
      present[i] = shards[i] != null;
      have += present[i] ? 1 : 0;
      allData &= present[i] || i >= redundancy.k();
    }
    if (allData) {
      return;
    }
    if (have < redundancy.k()) {
      throw new IllegalStateException(
          "only " + have + " of the " + redundancy.k() + " pieces needed are present");
    }
    for (int i = 0; i < redundancy.k(); i++) {
      if (!present[i]) {
        shards[i] = arrays.take(shardSize);
      }
    }
    rs.reconstructData(shards, present, 0, shardSize);
  }

  /**
   * Where ciphertext bytes {@code [offset, offset + length)} of a restored segment are: in place
   * when they lie in one piece (always so for a chunk of a chunk-aligned segment), else copied into
   * {@code scratch}.
   */
  public SegmentCipher.Slice cipherAt(
      byte[][] shards, int shardSize, long offset, int length, byte[] scratch) {
    if (redundancy.replicated()) {
      for (byte[] copy : shards) {
        if (copy != null) {
          return new SegmentCipher.Slice(copy, (int) offset);
        }
      }
      throw new IllegalStateException("no copy of the segment is present");
    }
    int shard = (int) (offset / shardSize);
    int at = (int) (offset % shardSize);
    if (at + length <= shardSize) {
      return new SegmentCipher.Slice(shards[shard], at);
    }
    int done = 0;
    while (done < length) {
      int n = Math.min(length - done, shardSize - at);
      System.arraycopy(shards[shard], at, scratch, done, n);
      done += n;
      shard++;
      at = 0;
    }
    return new SegmentCipher.Slice(scratch, 0);
  }

  /**
   * Rebuilds every missing piece (data and parity) from the present ones, for repair, into arrays
   * from {@code arrays}.
   */
  public void rebuild(byte[][] shards, int shardSize, ByteArrays arrays) {
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
        shards[i] = arrays.take(shardSize);
      }
    }
    rs.reconstruct(shards, present, 0, shardSize);
  }
}
