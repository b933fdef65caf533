package network.aioz.billing.reward;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import network.aioz.billing.economics.EdgeEpochWork;
import network.aioz.billing.economics.WorkProved;
import org.junit.jupiter.api.Test;

/** The mapping of a sealed epoch's totals and statistics to the reward policy's input, by hand. */
class EpochWorkTests {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final String A = "0x00000000000000000000000000000000000000aa";
  private static final String B = "0x00000000000000000000000000000000000000bb";
  private static final String C = "0x00000000000000000000000000000000000000cc";

  private static EpochSealed.NodeTotal total(String node, String kind, long units) {
    return new EpochSealed.NodeTotal(node, kind, 1, BigInteger.valueOf(units));
  }

  @Test
  void unitsBecomeByteHoursBandwidthMinutesAndInferenceUnitsFlooredOnce() {
    EpochSealed sealed =
        new EpochSealed(
            7,
            START,
            START.plusSeconds(3600),
            "0x",
            List.of(
                total(A.toUpperCase().replace("0X", "0x"), "STORE", 3599),
                total(A, "PIN", 1), // 3,600 bytes held for the one-hour epoch: 3,600 byte-hours
                total(A, "DELIVER", 123),
                total(A, "TRANSCODE", 179), // 2 minutes 59 s
                total(A, "INFER", 5),
                total(C, "STORE", 999_999)),
            List.of(
                new EpochSealed.NodeStats(A, 5, 5, 1, 4000, "ACTIVE"),
                new EpochSealed.NodeStats(B, 2, 0, 0, 60, "VETTING"),
                new EpochSealed.NodeStats(C, 1, 1, 0, 3600, "SUSPENDED")));

    assertThat(EpochWork.of(sealed))
        .containsExactly(
            new EdgeEpochWork(A, new WorkProved(3600, 123, 2, 5, 3600), 5, 5, 1),
            new EdgeEpochWork(B, new WorkProved(0, 0, 0, 0, 60), 2, 0, 0));
    assertThat(EpochWork.epochSeconds(sealed)).isEqualTo(3600);
  }

  @Test
  void aLedgerWithoutStatisticsCountsItsProvenTasks() {
    EpochSealed sealed =
        new EpochSealed(
            1,
            START,
            START.plusSeconds(60),
            "0x",
            List.of(new EpochSealed.NodeTotal(A, "DELIVER", 3, BigInteger.TEN)),
            null);
    assertThat(EpochWork.of(sealed))
        .containsExactly(new EdgeEpochWork(A, new WorkProved(0, 10, 0, 0, 0), 3, 3, 0));
  }
}
