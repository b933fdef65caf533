package network.aioz.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import network.aioz.erasure.ReedSolomon;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reed–Solomon 10+4 over 1 MiB shards (10 MiB of data per operation) on one core: encode and
 * rebuilding four lost data shards, Vector API against scalar, and a plain copy of the same 10 MiB
 * as the memory-bandwidth ceiling. The time unit is nanoseconds so that the {@code dataBytes}
 * counter reads directly as bytes/ns, that is GB/s of data per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms1g", "-Xmx1g"})
public class ErasureBenchmark {

  private static final int DATA = 10;
  private static final int PARITY = 4;
  private static final int SHARD_BYTES = 1 << 20;
  private static final long DATA_BYTES = (long) DATA * SHARD_BYTES;
  private static final int[] LOST = {0, 3, 6, 9};

  /** Bytes of data coded per second of measurement, whatever the operation. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class DataBytes {
    public long dataBytes;

    @Setup(Level.Iteration)
    public void reset() {
      dataBytes = 0;
    }
  }

  private ReedSolomon vector;
  private ReedSolomon scalar;
  private byte[][] original;
  private byte[][] shards;
  private boolean[] present;
  private byte[][] copies;

  @Setup(Level.Trial)
  public void setUp() {
    vector = ReedSolomon.create(DATA, PARITY);
    scalar = ReedSolomon.scalar(DATA, PARITY);
    if (!vector.implementation().startsWith("vector")) {
      throw new IllegalStateException("not measuring the Vector API: " + vector.implementation());
    }
    SplittableRandom random = new SplittableRandom(42);
    original = new byte[DATA + PARITY][SHARD_BYTES];
    for (int i = 0; i < DATA; i++) {
      random.nextBytes(original[i]);
    }
    scalar.encodeParity(original, 0, SHARD_BYTES);
    shards = new byte[DATA + PARITY][];
    for (int i = 0; i < shards.length; i++) {
      shards[i] = original[i].clone();
    }
    present = new boolean[DATA + PARITY];
    Arrays.fill(present, true);
    for (int lost : LOST) {
      present[lost] = false;
    }
    // a benchmark that computed garbage measured nothing
    for (ReedSolomon code : new ReedSolomon[] {vector, scalar}) {
      loseShards();
      code.reconstructData(shards, present, 0, SHARD_BYTES);
      for (int lost : LOST) {
        if (!Arrays.equals(shards[lost], original[lost])) {
          throw new IllegalStateException(code + " did not rebuild shard " + lost + " exactly");
        }
      }
    }
    loseShards();
    copies = new byte[DATA][SHARD_BYTES];
  }

  private void loseShards() {
    for (int lost : LOST) {
      Arrays.fill(shards[lost], (byte) 0);
    }
  }

  @TearDown(Level.Trial)
  public void checkParity() {
    if (!scalar.isParityCorrect(original, 0, SHARD_BYTES)) {
      throw new IllegalStateException("encoding broke the parity");
    }
  }

  @Benchmark
  public void encodeVector(DataBytes counter) {
    vector.encodeParity(original, 0, SHARD_BYTES);
    counter.dataBytes += DATA_BYTES;
  }

  @Benchmark
  public void encodeScalar(DataBytes counter) {
    scalar.encodeParity(original, 0, SHARD_BYTES);
    counter.dataBytes += DATA_BYTES;
  }

  /** What a read does when four of the ten data shards' edges are gone. */
  @Benchmark
  public void reconstructFourDataShardsVector(DataBytes counter) {
    vector.reconstructData(shards, present, 0, SHARD_BYTES);
    counter.dataBytes += DATA_BYTES;
  }

  @Benchmark
  public void reconstructFourDataShardsScalar(DataBytes counter) {
    scalar.reconstructData(shards, present, 0, SHARD_BYTES);
    counter.dataBytes += DATA_BYTES;
  }

  /** The ceiling: touching the same 10 MiB without any arithmetic. */
  @Benchmark
  public void arrayCopyBaseline(DataBytes counter) {
    for (int i = 0; i < DATA; i++) {
      System.arraycopy(original[i], 0, copies[i], 0, SHARD_BYTES);
    }
    counter.dataBytes += DATA_BYTES;
  }
}
