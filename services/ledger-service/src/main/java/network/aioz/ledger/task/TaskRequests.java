package network.aioz.ledger.task;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Request and response bodies of the task API. */
final class TaskRequests {

  private TaskRequests() {}

  static final String SHA256_HEX = "[0-9a-f]{64}";

  record Piece(
      @PositiveOrZero int index,
      @NotBlank @Pattern(regexp = SHA256_HEX) String contentDigest,
      @Positive long sizeBytes) {}

  /**
   * @param excludeNodes nodes that must not get a piece (they hold other pieces of the object)
   * @param maxAttempts nodes each task may be tried on; 1 when the caller moves pieces itself (it
   *     pushes the data, so a reassigned store task would wait for bytes that never come); default
   *     {@code ledger.max-task-attempts}
   */
  record Placement(
      @NotBlank @Size(max = 256) String objectId,
      @NotNull TaskKind kind,
      @NotEmpty @Size(max = 256) List<@Valid @NotNull Piece> pieces,
      @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,31}") String preferredRegion,
      @Size(max = 256) Set<@NotBlank String> excludeNodes,
      @Positive Integer maxAttempts) {}

  record Assignment(int pieceIndex, String taskId, String nodeAddress, String endpoint) {}

  record Placed(String objectId, List<Assignment> assignments) {}

  record NewTask(
      @NotNull TaskKind kind,
      @Size(max = 256) String objectId,
      @PositiveOrZero Integer pieceIndex,
      @Pattern(regexp = SHA256_HEX) String contentDigest,
      @PositiveOrZero long sizeBytes,
      @NotNull @Valid TaskRequirement requirement,
      @Size(max = 64) Map<String, Object> payload,
      @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,31}") String preferredRegion) {}

  record Submission(@NotBlank @Size(max = 128) String resultDigest, @NotNull BigInteger units) {}

  record Failure(@NotBlank @Size(max = 1000) String reason) {}

  record TaskView(
      String id,
      TaskKind kind,
      TaskStatus status,
      String objectId,
      Integer pieceIndex,
      String contentDigest,
      long sizeBytes,
      Map<String, Object> payload,
      String nodeAddress,
      int attempt,
      int maxAttempts,
      Set<String> previousNodes,
      String resultDigest,
      BigInteger units,
      String failureReason,
      String proofRef,
      String outcome,
      Instant requestedAt,
      Instant updatedAt) {

    static TaskView of(Task t) {
      return new TaskView(
          t.id().toString(),
          t.kind(),
          t.status(),
          t.objectId(),
          t.pieceIndex(),
          t.contentDigest(),
          t.sizeBytes(),
          t.payload(),
          t.nodeAddress(),
          t.attempt(),
          t.maxAttempts(),
          t.previousNodes(),
          t.resultDigest(),
          t.units(),
          t.failureReason(),
          t.proofRef(),
          t.outcome(),
          t.requestedAt(),
          t.updatedAt());
    }
  }
}
