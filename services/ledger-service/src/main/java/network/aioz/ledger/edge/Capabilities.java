package network.aioz.ledger.edge;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * What an edge declares it can do; nothing here is trusted beyond scheduling: proofs decide what it
 * earns.
 */
public record Capabilities(
    @PositiveOrZero long storageBytes,
    @PositiveOrZero long bandwidthBps,
    @NotNull @Size(max = 32) Set<String> transcodeCodecs,
    @NotNull @Size(max = 32) Set<String> inferenceRuntimes,
    @NotNull @Size(max = 256) Set<String> inferenceModels,
    @Min(1) @Max(4096) int cpuCores,
    @Min(0) @Max(64) int gpuCount,
    @Min(1) @Max(4096) int maxConcurrentTasks) {

  public Capabilities {
    transcodeCodecs = transcodeCodecs == null ? Set.of() : Set.copyOf(transcodeCodecs);
    inferenceRuntimes = inferenceRuntimes == null ? Set.of() : Set.copyOf(inferenceRuntimes);
    inferenceModels = inferenceModels == null ? Set.of() : Set.copyOf(inferenceModels);
  }
}
