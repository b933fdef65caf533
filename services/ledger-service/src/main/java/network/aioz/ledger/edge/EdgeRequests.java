package network.aioz.ledger.edge;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** Request and response bodies of the edge API. */
final class EdgeRequests {

  private EdgeRequests() {}

  record Registration(
      @NotBlank @Pattern(regexp = "0x[0-9a-fA-F]{40}") String address,
      @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,31}") String region,
      @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._/-]{0,63}") String faultDomain,
      @NotBlank @Size(max = 512) @Pattern(regexp = "https?://\\S+") String endpoint,
      @Size(max = 64) String agentVersion,
      @NotNull @Valid Capabilities capabilities) {}

  record Heartbeat(
      @PositiveOrZero long sequence,
      @PositiveOrZero long usedBytes,
      @PositiveOrZero int runningTasks,
      boolean draining) {}

  record HeartbeatAccepted(String status, long heartbeatIntervalSeconds) {}

  record Reputation(
      double auditScore,
      double unknownAuditScore,
      double completionScore,
      double uptimeScore,
      long passedAudits,
      double rewardMultiplier) {}

  record NodeView(
      String address,
      String region,
      String faultDomain,
      String endpoint,
      String agentVersion,
      String status,
      Capabilities capabilities,
      Instant registeredAt,
      Instant lastHeartbeatAt,
      long usedBytes,
      int runningTasks,
      boolean draining,
      double uptimeRatio,
      Reputation reputation,
      long heartbeatIntervalSeconds) {}
}
