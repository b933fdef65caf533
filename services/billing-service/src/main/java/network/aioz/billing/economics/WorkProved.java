package network.aioz.billing.economics;

import java.util.List;

/** An edge's proven resource contribution in one epoch: the vector {@code x_i}. */
public record WorkProved(
    long storageByteHours,
    long bandwidthBytes,
    long transcodeMinutes,
    long inferenceUnits,
    long uptimeSeconds) {

  public static final int RESOURCES = 5;

  public WorkProved {
    Checks.nonNegative(storageByteHours, "storage byte-hours");
    Checks.nonNegative(bandwidthBytes, "bandwidth bytes");
    Checks.nonNegative(transcodeMinutes, "transcode minutes");
    Checks.nonNegative(inferenceUnits, "inference units");
    Checks.nonNegative(uptimeSeconds, "uptime seconds");
  }

  /** In the order of {@link ResourceWeights#asList()}. */
  public List<Long> asList() {
    return List.of(
        storageByteHours, bandwidthBytes, transcodeMinutes, inferenceUnits, uptimeSeconds);
  }
}
