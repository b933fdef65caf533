package network.aioz.ledger.assignment;

import java.util.Objects;
import java.util.Set;

/**
 * What a node can do, as it declared at registration: static for the life of a registration, so a
 * change re-indexes the node.
 */
public record NodeCapabilities(
    long storageBytes,
    long bandwidthBps,
    Set<String> transcodeCodecs,
    Set<String> inferenceRuntimes,
    Set<String> inferenceModels,
    int cpuCores,
    int gpuCount) {

  public NodeCapabilities {
    if (storageBytes < 0 || bandwidthBps < 0 || cpuCores < 0 || gpuCount < 0) {
      throw new IllegalArgumentException("capabilities must not be negative");
    }
    transcodeCodecs = Set.copyOf(Objects.requireNonNullElse(transcodeCodecs, Set.of()));
    inferenceRuntimes = Set.copyOf(Objects.requireNonNullElse(inferenceRuntimes, Set.of()));
    inferenceModels = Set.copyOf(Objects.requireNonNullElse(inferenceModels, Set.of()));
  }

  /** A storage- and bandwidth-only node. */
  public static NodeCapabilities storageOnly(long storageBytes, long bandwidthBps) {
    return new NodeCapabilities(storageBytes, bandwidthBps, Set.of(), Set.of(), Set.of(), 1, 0);
  }
}
