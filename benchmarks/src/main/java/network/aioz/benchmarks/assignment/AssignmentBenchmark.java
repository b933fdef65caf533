package network.aioz.benchmarks.assignment;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import network.aioz.ledger.assignment.Assigner;
import network.aioz.ledger.assignment.AssignerSettings;
import network.aioz.ledger.assignment.Eligibility;
import network.aioz.ledger.assignment.NodeCapabilities;
import network.aioz.ledger.assignment.NodeSnapshot;
import network.aioz.ledger.assignment.PlacementRequest;
import network.aioz.ledger.assignment.Requirement;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Assignment decisions per second with a registry of 10,000 nodes in 8 regions x 5 fault domains.
 * Every operation releases what it reserved, as finished tasks would, so the index stays in a
 * steady state; scores of the placement benchmarks are pieces placed (decisions) per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class AssignmentBenchmark {

  private static final int PIECES = 14;
  private static final String[] CODECS = {"h265", "vp9", "av1"};
  private static final String[] MODELS = {"llama-3-8b", "mistral-7b", "whisper-small", "bert-base"};

  @Param("10000")
  int nodes;

  private Assigner assigner;
  private Requirement piece;
  private Requirement transcode;
  private Requirement inference;
  private PlacementRequest placement;

  @Setup
  public void registerNodes() {
    SplittableRandom random = new SplittableRandom(2026);
    assigner = new Assigner(AssignerSettings.defaults(), new SplittableRandom(7));
    for (int i = 0; i < nodes; i++) {
      assigner.upsert(randomNode(i, random));
    }
    piece = Requirement.storage(4L << 20, 10_000_000);
    transcode = Requirement.transcode("av1", 1L << 30);
    inference = Requirement.inference("onnx", "llama-3-8b", true);
    placement = new PlacementRequest(piece, PIECES, Set.of(), "region-3", "object");
  }

  private static NodeSnapshot randomNode(int i, SplittableRandom random) {
    int region = i % 8;
    int faultDomain = (i / 8) % 5;
    long storage = (1L + random.nextInt(16)) << 40;
    long bandwidth = (100L + random.nextInt(900)) * 1_000_000;
    Set<String> codecs =
        random.nextInt(10) < 3 ? Set.of(CODECS[random.nextInt(CODECS.length)], "h264") : Set.of();
    boolean inferenceNode = random.nextInt(10) == 0;
    int gpus = inferenceNode && random.nextBoolean() ? 1 + random.nextInt(4) : 0;
    Set<String> runtimes = inferenceNode ? Set.of("onnx", "llama.cpp") : Set.of();
    Set<String> models = inferenceNode ? Set.of(MODELS[random.nextInt(MODELS.length)]) : Set.of();
    int maxTasks = 16 + random.nextInt(112);
    return new NodeSnapshot(
        "0x%040x".formatted(i),
        "region-" + region,
        "region-" + region + "/fd-" + faultDomain,
        new NodeCapabilities(
            storage, bandwidth, codecs, runtimes, models, 4 + random.nextInt(28), gpus),
        storage - random.nextLong(storage / 2),
        random.nextInt(maxTasks / 2),
        maxTasks,
        0.7 + 0.3 * random.nextDouble(),
        random.nextInt(20) == 0 ? Eligibility.VETTING : Eligibility.ACTIVE);
  }

  /** Score = pieces placed per second (14 decisions per placement). */
  @Benchmark
  @OperationsPerInvocation(PIECES)
  public List<String> placeFourteenPieces() {
    List<String> chosen = assigner.place(placement);
    for (String nodeId : chosen) {
      assigner.release(nodeId, piece.minFreeBytes());
    }
    return chosen;
  }

  @Benchmark
  public String pickOneStorage() {
    String nodeId = assigner.pickOne(piece, Set.of(), "region-5");
    assigner.release(nodeId, piece.minFreeBytes());
    return nodeId;
  }

  @Benchmark
  public String pickOneTranscodeAv1() {
    String nodeId = assigner.pickOne(transcode, Set.of(), "region-1");
    assigner.release(nodeId, transcode.minFreeBytes());
    return nodeId;
  }

  @Benchmark
  public String pickOneGpuInference() {
    String nodeId = assigner.pickOne(inference, Set.of(), null);
    assigner.release(nodeId, inference.minFreeBytes());
    return nodeId;
  }
}
