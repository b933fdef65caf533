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
