package network.aioz.benchmarks.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs each benchmark method once, so a broken setup fails the build rather than a JMH run. */
class AssignmentBenchmarkTests {

  @Test
  void everyBenchmarkMakesItsDecisionsOnTheBenchmarkRegistry() {
    AssignmentBenchmark benchmark = new AssignmentBenchmark();
    benchmark.nodes = 10_000;
    benchmark.registerNodes();

    List<String> pieces = benchmark.placeFourteenPieces();

    assertThat(pieces).hasSize(14).doesNotHaveDuplicates();
    assertThat(benchmark.pickOneStorage()).startsWith("0x");
    assertThat(benchmark.pickOneTranscodeAv1()).startsWith("0x");
    assertThat(benchmark.pickOneGpuInference()).startsWith("0x");
  }
}
