package network.aioz.storage.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import network.aioz.storage.support.StorageProperties;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class SegmentBudgetTests {

  private static final long MIB = 1024 * 1024;

  @Test
  void aThirdOfTheHeapBoundsTheSegmentsInFlight() {
    // 16 MiB segments take ~40 MiB each in flight
    assertThat(SegmentBudget.permits(settings(16, 12), 256 * MIB)).isEqualTo(2);
    assertThat(SegmentBudget.permits(settings(16, 12), 1024 * MIB)).isEqualTo(8);
    assertThat(SegmentBudget.permits(settings(16, 12), 4096 * MIB)).isEqualTo(12);
  }

  @Test
  void twoSegmentsAreAlwaysAllowedSoOneRequestCanPipeline() {
    assertThat(SegmentBudget.permits(settings(64, 12), 128 * MIB)).isEqualTo(2);
  }

  private static StorageProperties settings(int segmentMiB, int maxInFlight) {
    return new StorageProperties(
        "us-east-1",
        List.of(),
        Map.of(),
        "k1",
        "rs-10-4",
        DataSize.ofMegabytes(segmentMiB),
        DataSize.ofKilobytes(64),
        DataSize.ofKilobytes(16),
        DataSize.ofKilobytes(32),
        URI.create("http://localhost:8081"),
        Duration.ofSeconds(60),
        Duration.ofMillis(500),
        Duration.ofMillis(400),
        maxInFlight,
        List.of("s3.localhost"));
  }
}
