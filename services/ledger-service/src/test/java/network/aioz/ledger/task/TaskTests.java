package network.aioz.ledger.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import network.aioz.shared.web.ApiProblem;
import org.junit.jupiter.api.Test;

class TaskTests {

  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static final String DIGEST = "ab".repeat(32);
  private static final String NODE_A = "0x00000000000000000000000000000000000000aa";
  private static final String NODE_B = "0x00000000000000000000000000000000000000bb";
  private static final String NODE_C = "0x00000000000000000000000000000000000000cc";

  /** A store task with sensible defaults; tests change only what matters to them. */
  private static final class TaskBuilder {
    private TaskKind kind = TaskKind.STORE;
    private int maxAttempts = 3;

    TaskBuilder kind(TaskKind kind) {
      this.kind = kind;
      return this;
    }

    TaskBuilder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    Task build() {
      return Task.request(
          kind,
          "object-1",
          0,
          DIGEST,
          1024,
          TaskRequirement.storage(1024),
          Map.of(),
          maxAttempts,
          NOW);
    }
  }

  private static TaskBuilder aTask() {
    return new TaskBuilder();
  }

  private static String types(Task task) {
    return String.join(
        ",", task.pullEvents().stream().map(e -> e.getClass().getSimpleName()).toList());
  }

  @Test
  void theHappyPathRaisesOneEventPerTransition() {
    Task task = aTask().build();
    task.assign(NODE_A, NOW);
    task.start(NODE_A, NOW);
    task.submit(NODE_A, DIGEST, BigInteger.TEN, NOW);
    task.prove("0x01", NOW);
    task.settle(NOW);

    assertThat(task.status()).isEqualTo(TaskStatus.SETTLED);
    assertThat(task.outcome()).isEqualTo("PROVEN");
    assertThat(task.units())
        .as("store units are the piece's size")
        .isEqualTo(BigInteger.valueOf(1024));
    assertThat(types(task))
        .isEqualTo("TaskRequested,TaskAssigned,TaskStarted,TaskSubmitted,TaskProven,TaskSettled");
  }

  @Test
  void illegalMovesAreRefusedAndChangeNothing() {
    Task task = aTask().build();

    assertThatThrownBy(() -> task.start(NODE_A, NOW)).isInstanceOf(ApiProblem.class);
    assertThatThrownBy(() -> task.prove("x", NOW)).hasMessageContaining("cannot prove");
    assertThatThrownBy(() -> task.settle(NOW)).hasMessageContaining("cannot settle");
    task.assign(NODE_A, NOW);
    assertThatThrownBy(() -> task.assign(NODE_B, NOW)).hasMessageContaining("cannot assign");
    assertThatThrownBy(() -> task.submit(NODE_A, DIGEST, BigInteger.ONE, NOW))
        .hasMessageContaining("cannot submit");
    assertThat(task.status()).isEqualTo(TaskStatus.ASSIGNED);
    assertThat(task.nodeAddress()).isEqualTo(NODE_A);
  }

  @Test
  void onlyTheAssignedNodeMayDriveTheTask() {
    Task task = aTask().build();
    task.assign(NODE_A, NOW);

    assertThatThrownBy(() -> task.start(NODE_B, NOW))
        .isInstanceOfSatisfying(
            ApiProblem.class, p -> assertThat(p.status().value()).isEqualTo(403));
    assertThat(task.status()).isEqualTo(TaskStatus.ASSIGNED);
  }

  @Test
  void aWrongDigestFailsAStoreTaskAtOnce() {
    Task task = aTask().build();
    task.assign(NODE_A, NOW);
    task.start(NODE_A, NOW);

    task.submit(NODE_A, "00".repeat(32), BigInteger.ONE, NOW);

    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(task.failureReason()).contains("is not the piece's digest");
  }

  @Test
  void aFailedTaskMovesToNewNodesUntilItsAttemptsAreUsed() {
    Task task = aTask().maxAttempts(2).build();
    task.assign(NODE_A, NOW);
    task.fail("timeout", NOW);

    assertThatThrownBy(() -> task.reassign(NODE_A, NOW))
        .isInstanceOf(IllegalArgumentException.class);
    task.reassign(NODE_B, NOW);
    assertThat(task.attempt()).isEqualTo(2);
    assertThat(task.previousNodes()).containsExactly(NODE_A);
    task.start(NODE_B, NOW);
    task.fail("proof failed", NOW);

    assertThat(task.canBeReassigned()).isFalse();
    assertThatThrownBy(() -> task.reassign(NODE_C, NOW)).hasMessageContaining("attempts");
    task.settle(NOW);
    assertThat(task.outcome()).isEqualTo("FAILED");
  }

  @Test
  void nonStoreTasksTakeTheUnitsTheEdgeReports() {
    Task task = aTask().kind(TaskKind.TRANSCODE).build();
    task.assign(NODE_A, NOW);
    task.start(NODE_A, NOW);
    task.submit(NODE_A, "result", BigInteger.valueOf(90), NOW);

    assertThat(task.status()).isEqualTo(TaskStatus.SUBMITTED);
    assertThat(task.units()).isEqualTo(BigInteger.valueOf(90));
    assertThatThrownBy(() -> aTaskSubmitting(BigInteger.valueOf(-1)))
        .hasMessageContaining("negative");
  }

  private static void aTaskSubmitting(BigInteger units) {
    Task task = aTask().kind(TaskKind.INFER).build();
    task.assign(NODE_A, NOW);
    task.start(NODE_A, NOW);
    task.submit(NODE_A, "r", units, NOW);
  }
}
