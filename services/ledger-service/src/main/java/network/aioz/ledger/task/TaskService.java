package network.aioz.ledger.task;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import network.aioz.ledger.activity.NodeActivity;
import network.aioz.ledger.assignment.Assigner;
import network.aioz.ledger.assignment.InsufficientCapacityException;
import network.aioz.ledger.assignment.PlacementRequest;
import network.aioz.ledger.edge.EdgeRegistry;
import network.aioz.ledger.support.LedgerProperties;
import network.aioz.ledger.support.NodeAddress;
import network.aioz.shared.outbox.Outbox;
import network.aioz.shared.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates tasks, assigns them (synchronously for placements a request waits for, from events
 * otherwise), drives their lifecycle on behalf of edges and proofs, and reassigns what failed.
 */
@Service
public class TaskService {

  private static final Logger log = LoggerFactory.getLogger(TaskService.class);

  private final TaskRepository tasks;
  private final EdgeRegistry registry;
  private final Assigner assigner;
  private final Outbox outbox;
  private final LedgerProperties settings;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final NodeActivity activity;

  TaskService(
      TaskRepository tasks,
      EdgeRegistry registry,
      Assigner assigner,
      Outbox outbox,
      LedgerProperties settings,
      TransactionTemplate tx,
      Clock clock,
      NodeActivity activity) {
    this.activity = activity;
    this.tasks = tasks;
    this.registry = registry;
    this.assigner = assigner;
    this.outbox = outbox;
    this.settings = settings;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Places the pieces of one object on distinct nodes spread over regions and fault domains, and
   * creates their assigned tasks, all or nothing.
   */
  @Transactional
  public TaskRequests.Placed place(TaskRequests.Placement request) {
    Set<Integer> indexes = new HashSet<>();
    for (TaskRequests.Piece piece : request.pieces()) {
      if (!indexes.add(piece.index())) {
        throw ApiProblem.badRequest("piece index " + piece.index() + " appears twice");
      }
    }
    long largest =
        request.pieces().stream().mapToLong(TaskRequests.Piece::sizeBytes).max().orElse(0);
    TaskRequirement requirement = TaskRequirement.storage(largest);
    List<String> nodes;
    try {
      nodes =
          assigner.place(
              new PlacementRequest(
                  requirement.toAssignment(),
                  request.pieces().size(),
                  excluded(request.excludeNodes()),
                  request.preferredRegion(),
                  request.objectId()));
    } catch (InsufficientCapacityException e) {
      throw insufficientCapacity(e);
    }
    releaseOnRollback(nodes, largest);
    Instant now = clock.instant();
    List<TaskRequests.Assignment> assignments = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      TaskRequests.Piece piece = request.pieces().get(i);
      Task task =
          Task.request(
              request.kind(),
              request.objectId(),
              piece.index(),
              piece.contentDigest(),
              piece.sizeBytes(),
              requirement,
              Map.of(),
              request.maxAttempts() == null ? settings.maxTaskAttempts() : request.maxAttempts(),
              now);
      task.assign(nodes.get(i), now);
      tasks.insert(task);
      publish(task);
      assignments.add(
          new TaskRequests.Assignment(
              piece.index(),
              task.id().toString(),
              nodes.get(i),
              registry.endpointOf(nodes.get(i))));
    }
    return new TaskRequests.Placed(request.objectId(), assignments);
  }

  private static Set<String> excluded(Set<String> nodes) {
    if (nodes == null) {
      return Set.of();
    }
    Set<String> canonical = new HashSet<>();
    for (String n : nodes) {
      canonical.add(NodeAddress.canonical(n));
    }
    return canonical;
  }

  /** Records a task to be assigned from its {@code TaskRequested} event. */
  @Transactional
  public Task request(TaskRequests.NewTask request) {
    Map<String, Object> payload = new java.util.HashMap<>();
    if (request.payload() != null) {
      payload.putAll(request.payload());
    }
    if (request.preferredRegion() != null) {
      payload.put("preferredRegion", request.preferredRegion());
    }
    Task task =
        Task.request(
            request.kind(),
            request.objectId(),
            request.pieceIndex(),
            request.contentDigest(),
            request.sizeBytes(),
            request.requirement(),
            payload,
            settings.maxTaskAttempts(),
            clock.instant());
    tasks.insert(task);
    publish(task);
    return task;
  }

  /**
   * Assigns a requested task if it still waits and a node can take it; otherwise leaves it for the
   * sweep.
   */
  public void assignRequested(UUID id) {
    tx.executeWithoutResult(
        status -> {
          Task task = tasks.lock(id).orElse(null);
          if (task == null || task.status() != TaskStatus.REQUESTED) {
            return;
          }
          Object region = task.payload().get("preferredRegion");
          String node;
          try {
            node =
                assigner.pickOne(
                    task.requirement().toAssignment(),
                    Set.of(),
                    region == null ? null : region.toString());
          } catch (InsufficientCapacityException e) {
            log.debug("task {} waits for capacity", id);
            return;
          }
          releaseOnRollback(List.of(node), task.requirement().minFreeBytes());
          task.assign(node, clock.instant());
          tasks.update(task);
          publish(task);
        });
  }

  /** Requested tasks that found no node at first are tried again. */
  @Scheduled(fixedDelayString = "${ledger.assignment-sweep-interval:PT5S}")
  public void assignWaiting() {
    for (UUID id : tasks.requested(500)) {
      assignRequested(id);
    }
  }

  /**
   * A node that took a task and went quiet does not hold it forever: past the deadline the task
   * fails there (which counts against the node's completion score) and moves to another node.
   */
  @Scheduled(fixedDelayString = "${ledger.deadline-sweep-interval:PT30S}")
  public void failOverdue() {
    Instant cutoff = clock.instant().minus(settings.taskDeadline());
    for (UUID id : tasks.waitingSince(cutoff, 500)) {
      tx.executeWithoutResult(
          status -> {
            Task task = tasks.lock(id).orElse(null);
            if (task == null
                || (task.status() != TaskStatus.ASSIGNED && task.status() != TaskStatus.RUNNING)
                || task.updatedAt().isAfter(cutoff)) {
              return;
            }
            String node = task.nodeAddress();
            task.fail("no progress within " + settings.taskDeadline(), clock.instant());
            registry.recordTaskOutcome(node, false);
            reassignOrSettle(task);
            save(task);
          });
    }
  }

  public Task find(UUID id) {
    return tasks.find(id).orElseThrow(() -> ApiProblem.notFound("task " + id));
  }

  public List<Task> openTasksOf(String address) {
    return tasks.openForNode(address);
  }

  /** Pieces the node should drop: released store tasks it has not acknowledged. */
  public List<TaskRepository.Release> releasesOf(String address) {
    return tasks.pendingReleases(address);
  }

  /**
   * Releases a store task: it leaves the node's work, deadlines and reassignment, and the node is
   * told to drop its piece. Idempotent.
   */
  @Transactional
  public void release(UUID id, String reason) {
    Task task = tasks.find(id).orElse(null);
    if (task == null || !tasks.release(id, reason, clock.instant())) {
      return;
    }
    outbox.append(
        TaskEvents.TOPIC,
        id.toString(),
        TaskEvents.PREFIX + "TaskReleased",
        new TaskEvents.TaskReleased(id.toString(), task.nodeAddress(), reason));
  }

  /** The node dropped a released piece. */
  @Transactional
  public void acknowledgeRelease(UUID id, String node) {
    if (!tasks.ackRelease(id, node, clock.instant())) {
      throw ApiProblem.conflict(
          "no-pending-release",
          "Nothing to acknowledge",
          "task " + id + " is not a release pending on " + node);
    }
    outbox.append(
        TaskEvents.TOPIC,
        id.toString(),
        TaskEvents.PREFIX + "TaskReleaseAcknowledged",
        new TaskEvents.TaskReleaseAcknowledged(id.toString(), node));
  }

  @Transactional
  public Task start(UUID id, String node) {
    Task task = lock(id);
    task.start(node, clock.instant());
    save(task);
    return task;
  }

  @Transactional
  public Task submit(UUID id, String node, String resultDigest, BigInteger units) {
    Task task = lock(id);
    task.submit(node, resultDigest, units, clock.instant());
    if (task.kind() == TaskKind.STORE) {
      // the transfer is over: the node may take more pieces while this one awaits its proof
      assigner.releaseSlot(node);
    }
    if (task.status() == TaskStatus.FAILED) {
      registry.recordTaskOutcome(node, false);
      reassignOrSettle(task);
    }
    save(task);
    return task;
  }

  /** The edge gives up on a task: it counts against its completion score and the task moves on. */
  @Transactional
  public Task giveUp(UUID id, String node, String reason) {
    Task task = lock(id);
    if (task.nodeAddress() == null || !task.nodeAddress().equalsIgnoreCase(node)) {
      throw ApiProblem.forbidden("task " + id + " is not assigned to " + node);
    }
    task.fail("edge gave up: " + reason, clock.instant());
    registry.recordTaskOutcome(node, false);
    reassignOrSettle(task);
    save(task);
    return task;
  }

  /**
   * A proof of the task's work passed. A submitted task is proven (once); a task the edge has not
   * submitted yet, and a store task already proven or settled (storage is audited for the life of
   * the piece), stay as they are and the pass counts as an audit only. Empty when the proof does
   * not apply: an unknown task, another node's, or one that failed.
   */
  @Transactional
  public Optional<ProofOutcome> proofPassed(UUID id, String node, String proofRef) {
    Optional<Task> found = tasks.lock(id).filter(task -> isAssignee(task, node));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Task task = found.get();
    if (task.status() == TaskStatus.SUBMITTED) {
      task.prove(proofRef, clock.instant());
      save(task);
      return Optional.of(new ProofOutcome(task, ProofOutcome.Effect.PROVEN));
    }
    if (task.status() == TaskStatus.ASSIGNED
        || task.status() == TaskStatus.RUNNING
        || isProvenStorage(task)) {
      return Optional.of(new ProofOutcome(task, ProofOutcome.Effect.AUDIT_ONLY));
    }
    return Optional.empty();
  }

  /**
   * A proof of the task's work failed. An open task fails and moves to another node; a store task
   * already proven or settled stays as it is (its receipt stands; the storage service repairs the
   * piece elsewhere) and the failure counts as an audit only. Empty when the proof does not apply.
   */
  @Transactional
  public Optional<ProofOutcome> proofFailed(UUID id, String node, String reason) {
    Optional<Task> found = tasks.lock(id).filter(task -> isAssignee(task, node));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Task task = found.get();
    if (task.status().isOpen()) {
      activity.fault(task.nodeAddress());
      task.fail("proof failed: " + reason, clock.instant());
      reassignOrSettle(task);
      save(task);
      return Optional.of(new ProofOutcome(task, ProofOutcome.Effect.FAILED));
    }
    if (isProvenStorage(task)) {
      activity.fault(task.nodeAddress());
      return Optional.of(new ProofOutcome(task, ProofOutcome.Effect.AUDIT_ONLY));
    }
    return Optional.empty();
  }

  private static boolean isAssignee(Task task, String node) {
    return task.nodeAddress() != null && task.nodeAddress().equalsIgnoreCase(node);
  }

  /** A store task whose piece was proven: it stays audited while the piece is kept. */
  private static boolean isProvenStorage(Task task) {
    return task.kind() == TaskKind.STORE
        && (task.status() == TaskStatus.PROVEN
            || (task.status() == TaskStatus.SETTLED
                && TaskStatus.PROVEN.name().equals(task.outcome())));
  }

  /**
   * Moves every unproven task away from a node that may no longer work (suspended or ejected): each
   * fails with the reason and goes to another node, or settles as failed when none is left. Returns
   * how many tasks moved.
   */
  public int withdrawFrom(String address, String reason) {
    int moved = 0;
    for (UUID id : tasks.unprovenIdsOfNode(address)) {
      Boolean withdrawn =
          tx.execute(
              status -> {
                Task task = tasks.lock(id).orElse(null);
                if (task == null
                    || !task.status().isOpen()
                    || !task.nodeAddress().equalsIgnoreCase(address)) {
                  return false;
                }
                task.fail(reason, clock.instant());
                reassignOrSettle(task);
                save(task);
                return true;
              });
      if (Boolean.TRUE.equals(withdrawn)) {
        moved++;
      }
    }
    if (moved > 0) {
      log.info("withdrew {} tasks from {}: {}", moved, address, reason);
    }
    return moved;
  }

  /** Settles the proven tasks whose receipts an epoch sealed. */
  public int settleProven(List<UUID> ids) {
    return tasks.settleProven(ids, clock.instant());
  }

  /** Every failed attempt passes here: it counts as an attempt of the node that ended unproven. */
  private void reassignOrSettle(Task task) {
    String failedNode = task.nodeAddress();
    activity.attemptFailed(failedNode);
    if (slotReleasedAtSubmit(task)) {
      assigner.releaseBytes(failedNode, task.requirement().minFreeBytes());
    } else {
      assigner.release(failedNode, task.requirement().minFreeBytes());
    }
    Instant now = clock.instant();
    if (task.canBeReassigned()) {
      Set<String> excluded = new HashSet<>(task.previousNodes());
      excluded.add(failedNode);
      try {
        String node = assigner.pickOne(task.requirement().toAssignment(), excluded, null);
        releaseOnRollback(List.of(node), task.requirement().minFreeBytes());
        task.reassign(node, now);
        return;
      } catch (InsufficientCapacityException e) {
        log.info("task {} failed on {} and no other node can take it", task.id(), failedNode);
      }
    }
    task.settle(now);
  }

  /** A store task gives its slot back when submitted (see {@link #submit}). */
  private static boolean slotReleasedAtSubmit(Task task) {
    return task.kind() == TaskKind.STORE && task.resultDigest() != null;
  }

  private Task lock(UUID id) {
    return tasks.lock(id).orElseThrow(() -> ApiProblem.notFound("task " + id));
  }

  private void save(Task task) {
    tasks.update(task);
    publish(task);
    if (task.status() == TaskStatus.PROVEN && task.kind() != TaskKind.STORE) {
      // a proven store task's piece keeps its room, and its slot went back at submission
      assigner.release(task.nodeAddress(), task.requirement().minFreeBytes());
    }
  }

  private void publish(Task task) {
    for (TaskEvents.TaskEvent event : task.pullEvents()) {
      outbox.append(TaskEvents.TOPIC, task.id().toString(), event.type(), event);
    }
  }

  private void releaseOnRollback(List<String> nodes, long bytes) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCompletion(int status) {
            if (status != STATUS_COMMITTED) {
              nodes.forEach(node -> assigner.release(node, bytes));
            }
          }
        });
  }

  private static ApiProblem insufficientCapacity(InsufficientCapacityException e) {
    return new ApiProblem(
        HttpStatus.SERVICE_UNAVAILABLE,
        "insufficient-capacity",
        "Not enough eligible nodes",
        e.getMessage(),
        Map.of("requested", e.requested(), "eligible", e.eligible()));
  }
}
