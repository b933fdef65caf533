package network.aioz.ledger.task;

import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import network.aioz.ledger.assignment.Requirement;

/** What a node must offer to take a task. */
public record TaskRequirement(
    @PositiveOrZero long minFreeBytes,
    @PositiveOrZero long minBandwidthBps,
    @Size(max = 32) String codec,
    @Size(max = 64) String runtime,
    @Size(max = 256) String model,
    boolean needsGpu) {

  static TaskRequirement storage(long bytes) {
    return new TaskRequirement(bytes, 0, null, null, null, false);
  }

  Requirement toAssignment() {
    return new Requirement(minFreeBytes, minBandwidthBps, codec, runtime, model, needsGpu);
  }
}
