package network.aioz.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ReedSolomonProperties {

  @Property(tries = 300)
  void anyKShardsRebuildEveryShardExactly(
      @ForAll @IntRange(min = 1, max = 20) int k,
      @ForAll @IntRange(min = 0, max = 8) int m,
      @ForAll @IntRange(min = 0, max = 3000) int length,
      @ForAll @IntRange(min = 0, max = 40) int offset,
      @ForAll boolean vector,
      @ForAll long seed) {
    ReedSolomon code = vector ? ReedSolomon.create(k, m) : ReedSolomon.scalar(k, m);
    SplittableRandom random = new SplittableRandom(seed);
    byte[][] original = Shards.encoded(code, random, offset, length);
    byte[][] shards = Shards.copy(original);
    boolean[] present = Shards.erase(shards, random.nextInt(m + 1), random);

    code.reconstruct(shards, present, offset, length);

    for (int i = 0; i < code.totalShards(); i++) {
      assertThat(Shards.range(shards[i], offset, length))
          .as("shard %d of %d+%d", i, k, m)
          .isEqualTo(Shards.range(original[i], offset, length));
      if (present[i]) {
        assertThat(shards[i]).as("present shard %d is untouched", i).isEqualTo(original[i]);
      }
    }
  }

  @Property(tries = 150)
  void tenPlusFourSurvivesAnyFourLosses(
      @ForAll @IntRange(min = 0, max = 5000) int length,
      @ForAll @IntRange(min = 0, max = 17) int offset,
      @ForAll long seed) {
    ReedSolomon code = ReedSolomon.create(10, 4);
    SplittableRandom random = new SplittableRandom(seed);
    byte[][] original = Shards.encoded(code, random, offset, length);
    byte[][] shards = Shards.copy(original);
    boolean[] present = Shards.erase(shards, 4, random);

    code.reconstruct(shards, present, offset, length);

    for (int i = 0; i < 14; i++) {
      assertThat(Shards.range(shards[i], offset, length))
          .isEqualTo(Shards.range(original[i], offset, length));
    }
  }

  @Property(tries = 150)
  void reconstructDataRebuildsDataAndLeavesMissingParityAlone(
      @ForAll @IntRange(min = 1, max = 16) int k,
      @ForAll @IntRange(min = 1, max = 6) int m,
      @ForAll @IntRange(min = 0, max = 2000) int length,
      @ForAll @IntRange(min = 0, max = 9) int offset,
      @ForAll long seed) {
    ReedSolomon code = ReedSolomon.create(k, m);
    SplittableRandom random = new SplittableRandom(seed);
    byte[][] original = Shards.encoded(code, random, offset, length);
    byte[][] shards = Shards.copy(original);
    boolean[] present = Shards.erase(shards, 1 + random.nextInt(m), random);
    byte[][] erased = Shards.copy(shards);

    code.reconstructData(shards, present, offset, length);

    for (int i = 0; i < k; i++) {
      assertThat(Shards.range(shards[i], offset, length))
          .isEqualTo(Shards.range(original[i], offset, length));
    }
    for (int p = k; p < k + m; p++) {
      assertThat(shards[p]).as("parity shard %d", p).isEqualTo(erased[p]);
    }
  }

  @Property(tries = 150)
  void fewerThanKPresentFailsAndTouchesNothing(
      @ForAll @IntRange(min = 1, max = 20) int k,
      @ForAll @IntRange(min = 0, max = 8) int m,
      @ForAll @IntRange(min = 0, max = 500) int length,
      @ForAll boolean dataOnly,
      @ForAll long seed) {
    ReedSolomon code = ReedSolomon.create(k, m);
    SplittableRandom random = new SplittableRandom(seed);
    byte[][] shards = Shards.encoded(code, random, 0, length);
    int erased = m + 1 + random.nextInt(k);
    boolean[] present = Shards.erase(shards, erased, random);
    byte[][] before = Shards.copy(shards);

    assertThatThrownBy(
            () -> {
              if (dataOnly) {
                code.reconstructData(shards, present, 0, length);
              } else {
                code.reconstruct(shards, present, 0, length);
              }
            })
        .isInstanceOfSatisfying(
            NotEnoughShardsException.class,
            e -> {
              assertThat(e.present()).isEqualTo(k + m - erased);
              assertThat(e.needed()).isEqualTo(k);
              assertThat(e.getMessage())
                  .contains((k + m - erased) + " shard(s) present")
                  .contains(k + " needed");
            });
    assertThat(shards).isDeepEqualTo(before);
  }

  @Property(tries = 200)
  void vectorAndScalarComputeIdenticalParity(
      @ForAll @IntRange(min = 1, max = 24) int k,
      @ForAll @IntRange(min = 1, max = 8) int m,
      @ForAll @IntRange(min = 0, max = 40_000) int length,
      @ForAll @IntRange(min = 0, max = 31) int offset,
      @ForAll long seed) {
    ReedSolomon vector = ReedSolomon.create(k, m);
    ReedSolomon scalar = ReedSolomon.scalar(k, m);
    byte[][] shards = Shards.random(new SplittableRandom(seed), k + m, offset, length);
    byte[][] reference = Shards.copy(shards);

    vector.encodeParity(shards, offset, length);
    scalar.encodeParity(reference, offset, length);

    assertThat(shards).isDeepEqualTo(reference);
  }

  @Property(tries = 200)
  void aFlippedByteInAnyShardBreaksTheParity(
      @ForAll @IntRange(min = 1, max = 16) int k,
      @ForAll @IntRange(min = 1, max = 6) int m,
      @ForAll @IntRange(min = 1, max = 3000) int length,
      @ForAll @IntRange(min = 0, max = 9) int offset,
      @ForAll boolean vector,
      @ForAll long seed) {
    ReedSolomon code = vector ? ReedSolomon.create(k, m) : ReedSolomon.scalar(k, m);
    SplittableRandom random = new SplittableRandom(seed);
    byte[][] shards = Shards.encoded(code, random, offset, length);
    assertThat(code.isParityCorrect(shards, offset, length)).isTrue();

    int shard = random.nextInt(k + m);
    int position = offset + random.nextInt(length);
    shards[shard][position] ^= (byte) (1 + random.nextInt(255));

    assertThat(code.isParityCorrect(shards, offset, length))
        .as("byte %d of shard %d flipped", position, shard)
        .isFalse();
  }
}
