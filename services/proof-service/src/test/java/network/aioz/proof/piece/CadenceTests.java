package network.aioz.proof.piece;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import network.aioz.proof.support.ProofProperties;
import org.junit.jupiter.api.Test;

class CadenceTests {

  private final ProofProperties.Storage settings =
      new ProofProperties.Storage(Duration.ofHours(1), Duration.ofSeconds(2), 0.2, 0.25, 0.5, 0.25);
  private final Cadence cadence = new Cadence(settings, new Random(1));

  @Test
  void lessTrustedNodesHighPriorityPiecesAndFailuresAreChallengedSooner() {
    for (int i = 0; i < 1000; i++) {
      assertThat(cadence.wait("ACTIVE", "standard", 0)).isBetween(minutes(48), minutes(72));
      assertThat(cadence.wait("VETTING", "standard", 0)).isBetween(minutes(12), minutes(18));
      assertThat(cadence.wait("SUSPENDED", "standard", 0)).isBetween(minutes(12), minutes(18));
      assertThat(cadence.wait("ACTIVE", "high", 0)).isBetween(minutes(24), minutes(36));
      assertThat(cadence.wait(null, "standard", 2)).isBetween(minutes(12), minutes(18));
      assertThat(cadence.wait("VETTING", "high", 1))
          .isBetween(Duration.ofSeconds(90), Duration.ofSeconds(135));
    }
  }

  @Test
  void jitterSpreadsPiecesStoredTogether() {
    long distinct =
        java.util.stream.IntStream.range(0, 100)
            .mapToObj(i -> cadence.wait("ACTIVE", "standard", 0))
            .distinct()
            .count();
    assertThat(distinct).isGreaterThan(90);
  }

  private static Duration minutes(long n) {
    return Duration.ofMinutes(n);
  }
}
