package network.aioz.benchmarks.merkle;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import network.aioz.shared.merkle.Bytes32;
import network.aioz.shared.receipt.EpochTree;
import network.aioz.shared.receipt.WorkKind;
import network.aioz.shared.receipt.WorkReceipt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Sealing an epoch: the root over {@code receipts} work receipts, leaf hashing included (target: at
 * most 2 s for 1,000,000 on 2 cores), and proofs for a few receipts of a sealed epoch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class MerkleRootBenchmark {

  private static final long EPOCH = 42;

  @Param({"1000000"})
  int receipts;

  private List<WorkReceipt> epochReceipts;
  private EpochTree sealed;
  private int[] proved;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(7);
    epochReceipts = new ArrayList<>(receipts);
    for (int i = 0; i < receipts; i++) {
      epochReceipts.add(
          WorkReceipt.of(
              new UUID(random.nextLong(), random.nextLong()),
              String.format("0x%040x", random.nextInt(10_000) + 1),
              WorkKind.values()[random.nextInt(WorkKind.values().length)],
              BigInteger.valueOf(random.nextLong(1, Long.MAX_VALUE)),
              EPOCH,
              Bytes32.fromHex(String.format("0x%064x", random.nextLong(Long.MAX_VALUE)))));
    }
    sealed = EpochTree.of(EPOCH, epochReceipts);
    proved = new int[] {0, receipts / 3, receipts / 2, receipts - 1};
  }

  /** Leaf hashing, sorting and all inner nodes: what the ledger does when an epoch closes. */
  @Benchmark
  public Bytes32 sealEpochRoot() {
    return EpochTree.of(EPOCH, epochReceipts).root();
  }

  /**
   * Proofs for four receipts found by value (leaf hash, then binary search), as a claim API would.
   */
  @Benchmark
  public void proveFourReceipts(Blackhole blackhole) {
    for (int index : proved) {
      blackhole.consume(sealed.proof(epochReceipts.get(index)));
    }
  }
}
