package network.aioz.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReedSolomonTests {

  @Test
  void createUsesTheVectorApiWhenItsModuleIsPresent() {
    // surefire runs with --add-modules=jdk.incubator.vector, as every consumer should
    assertThat(ReedSolomon.create(10, 4).implementation()).startsWith("vector");
    assertThat(ReedSolomon.scalar(10, 4).implementation()).startsWith("scalar");
    assertThat(ReedSolomon.create(10, 4).totalShards()).isEqualTo(14);
  }

  @ParameterizedTest
  @CsvSource({"10, 4", "4, 2", "1, 4", "6, 3", "3, 0"})
  void everyErasurePatternOfAtMostMShardsIsRebuilt(int k, int m) {
    ReedSolomon code = ReedSolomon.create(k, m);
    int n = k + m;
    int length = 67;
    byte[][] original = Shards.encoded(code, new SplittableRandom(k * 31L + m), 3, length);
    int patterns = 0;
    for (int mask = 0; mask < 1 << n; mask++) {
      if (Integer.bitCount(mask) > m) {
        continue;
      }
      byte[][] shards = Shards.copy(original);
      boolean[] present = new boolean[n];
      for (int i = 0; i < n; i++) {
        present[i] = (mask & (1 << i)) == 0;
        if (!present[i]) {
          shards[i] = new byte[shards[i].length];
        }
      }

      code.reconstruct(shards, present, 3, length);

      for (int i = 0; i < n; i++) {
        assertThat(Shards.range(shards[i], 3, length))
            .as("shard %d with erasures %s", i, Integer.toBinaryString(mask))
            .isEqualTo(Shards.range(original[i], 3, length));
      }
      patterns++;
    }
    assertThat(patterns).isPositive();
    assertThat(code.cachedDecodeMatrices()).isBetween(0, 64);
  }

  @Test
  void aReadRebuildsDataWithoutArraysForMissingParity() {
    ReedSolomon code = ReedSolomon.create(10, 4);
    byte[][] original = Shards.encoded(code, new SplittableRandom(7), 0, 1000);
    byte[][] shards = Shards.copy(original);
    boolean[] present = new boolean[14];
    java.util.Arrays.fill(present, true);
    // data shards 2 and 5 and parity shard 11 are lost; only the data needs an array
    for (int lost : new int[] {2, 5, 11}) {
      present[lost] = false;
      shards[lost] = lost < 10 ? new byte[1000] : null;
    }

    code.reconstructData(shards, present, 0, 1000);

    for (int i = 0; i < 10; i++) {
      assertThat(shards[i]).as("data shard %d", i).isEqualTo(original[i]);
    }
    assertThat(shards[11]).isNull();
    byte[][] lostData = Shards.copy(original);
    present[2] = false;
    lostData[2] = null;
    assertThatThrownBy(() -> code.reconstructData(lostData, present, 0, 1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shard 2 is null");
  }

  @Test
  void largeUnalignedRangesAgreeBetweenVectorAndScalarAndRebuild() {
    int offset = 7;
    int length = 100_003;
    ReedSolomon vector = ReedSolomon.create(10, 4);
    byte[][] shards = Shards.encoded(vector, new SplittableRandom(1), offset, length);
    byte[][] scalarShards = Shards.copy(shards);
    ReedSolomon.scalar(10, 4).encodeParity(scalarShards, offset, length);
    assertThat(shards).isDeepEqualTo(scalarShards);

    byte[][] damaged = Shards.copy(shards);
    boolean[] present = Shards.erase(damaged, 4, new SplittableRandom(2));
    vector.reconstruct(damaged, present, offset, length);
    for (int i = 0; i < 14; i++) {
      assertThat(Shards.range(damaged[i], offset, length))
          .isEqualTo(Shards.range(shards[i], offset, length));
    }
  }

  @Test
  void oneInstanceServesManyThreadsAtOnce() throws Exception {
    ReedSolomon code = ReedSolomon.create(10, 4);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int task = 0; task < 32; task++) {
        long seed = task;
        results.add(
            pool.submit(
                () -> {
                  SplittableRandom random = new SplittableRandom(seed);
                  byte[][] original = Shards.encoded(code, random, 0, 4096);
                  byte[][] shards = Shards.copy(original);
                  boolean[] present = Shards.erase(shards, 1 + random.nextInt(4), random);
                  code.reconstruct(shards, present, 0, 4096);
                  for (int i = 0; i < 14; i++) {
                    if (!java.util.Arrays.equals(shards[i], 0, 4096, original[i], 0, 4096)) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void zeroParityShardsIsAValidCodeThatNeedsEveryShard() {
    ReedSolomon code = ReedSolomon.create(3, 0);
    byte[][] shards = Shards.encoded(code, new SplittableRandom(3), 0, 10);

    assertThat(code.isParityCorrect(shards, 0, 10)).isTrue();
    assertThatThrownBy(() -> code.reconstruct(shards, new boolean[] {true, false, true}, 0, 10))
        .isInstanceOf(NotEnoughShardsException.class)
        .hasMessage(
            "cannot reconstruct: 2 shard(s) present, at least 3 needed (the number of data shards)");
  }

  @Test
  void shardCountsAreValidated() {
    assertThat(ReedSolomon.create(200, 56).totalShards()).isEqualTo(256);
    assertThatThrownBy(() -> ReedSolomon.create(0, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dataShards must be at least 1");
    assertThatThrownBy(() -> ReedSolomon.scalar(4, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parityShards must be at least 0");
    assertThatThrownBy(() -> ReedSolomon.create(250, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 256");
  }

  @Test
  void shardArraysAreValidated() {
    ReedSolomon code = ReedSolomon.create(4, 2);
    byte[][] shards = new byte[6][100];

    assertThatThrownBy(() -> code.encodeParity(new byte[5][100], 0, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected 6 shards (4 data + 2 parity), got 5");
    assertThatThrownBy(() -> code.encodeParity(null, 0, 100))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> code.encodeParity(shards, -1, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> code.encodeParity(shards, 50, 51))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shard 0 has 100 bytes, fewer than offset + length = 101");
    byte[][] shortParity = Shards.copy(shards);
    shortParity[5] = new byte[99];
    assertThatThrownBy(() -> code.isParityCorrect(shortParity, 0, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shard 5 has 99 bytes");
    byte[][] missing = Shards.copy(shards);
    missing[2] = null;
    assertThatThrownBy(() -> code.reconstruct(missing, new boolean[6], 0, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shard 2 is null");
    assertThatThrownBy(() -> code.reconstruct(shards, new boolean[5], 0, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected 6 presence flags, got 5");
  }
}
