package network.aioz.erasure;

import java.util.SplittableRandom;

/** Test data: shard sets filled with random bytes, copies, and erasures. */
final class Shards {

  private Shards() {}

  /** n shards of {@code offset + length + slack} random bytes each. */
  static byte[][] random(SplittableRandom random, int count, int offset, int length) {
    byte[][] shards = new byte[count][offset + length + random.nextInt(8)];
    for (byte[] shard : shards) {
      random.nextBytes(shard);
    }
    return shards;
  }

  /** A k+m set with random data and parity computed by {@code code}. */
  static byte[][] encoded(ReedSolomon code, SplittableRandom random, int offset, int length) {
    byte[][] shards = random(random, code.totalShards(), offset, length);
    code.encodeParity(shards, offset, length);
    return shards;
  }

  static byte[][] copy(byte[][] shards) {
    byte[][] copy = new byte[shards.length][];
    for (int i = 0; i < shards.length; i++) {
      copy[i] = shards[i].clone();
    }
    return copy;
  }

  /** Marks {@code erased} random shards absent and overwrites them with garbage. */
  static boolean[] erase(byte[][] shards, int erased, SplittableRandom random) {
    boolean[] present = new boolean[shards.length];
    java.util.Arrays.fill(present, true);
    for (int done = 0; done < erased; ) {
      int victim = random.nextInt(shards.length);
      if (present[victim]) {
        present[victim] = false;
        random.nextBytes(shards[victim]);
        done++;
      }
    }
    return present;
  }

  static byte[] range(byte[] shard, int offset, int length) {
    return java.util.Arrays.copyOfRange(shard, offset, offset + length);
  }
}
