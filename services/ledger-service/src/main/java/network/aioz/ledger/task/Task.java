package network.aioz.ledger.task;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import network.aioz.ledger.task.TaskEvents.TaskEvent;
import network.aioz.shared.web.ApiProblem;

/**
 * One unit of work for one edge. Every transition is a method that refuses an illegal move and
 * records the fact as an event; the service writes the events to the outbox in the same transaction
 * as the new state.
 */
public final class Task {

  private final UUID id;
  private final TaskKind kind;
  private final String objectId;
  private final Integer pieceIndex;
  private final String contentDigest;
  private final long sizeBytes;
  private final TaskRequirement requirement;
  private final Map<String, Object> payload;
  private final int maxAttempts;
  private final Instant requestedAt;
  private final long version;
  private TaskStatus status;
  private String nodeAddress;
  private int attempt;
  private final Set<String> previousNodes;
  private String resultDigest;
  private BigInteger units;
  private String failureReason;
  private String proofRef;
  private String outcome;
  private Instant updatedAt;
  private final List<TaskEvent> events = new ArrayList<>();

  Task(
      UUID id,
      TaskKind kind,
      TaskStatus status,
      String objectId,
      Integer pieceIndex,
      String contentDigest,
      long sizeBytes,
      TaskRequirement requirement,
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
      Instant updatedAt,
      long version) {
    this.id = id;
    this.kind = kind;
    this.status = status;
    this.objectId = objectId;
    this.pieceIndex = pieceIndex;
    this.contentDigest = contentDigest;
    this.sizeBytes = sizeBytes;
    this.requirement = requirement;
    this.payload = Map.copyOf(payload);
    this.nodeAddress = nodeAddress;
    this.attempt = attempt;
    this.maxAttempts = maxAttempts;
    this.previousNodes = new LinkedHashSet<>(previousNodes);
    this.resultDigest = resultDigest;
    this.units = units;
    this.failureReason = failureReason;
    this.proofRef = proofRef;
    this.outcome = outcome;
    this.requestedAt = requestedAt;
    this.updatedAt = updatedAt;
    this.version = version;
  }

  static Task request(
      TaskKind kind,
      String objectId,
      Integer pieceIndex,
      String contentDigest,
      long sizeBytes,
      TaskRequirement requirement,
      Map<String, Object> payload,
      int maxAttempts,
      Instant now) {
    Task task =
        new Task(
            UUID.randomUUID(),
            kind,
            TaskStatus.REQUESTED,
            objectId,
            pieceIndex,
            contentDigest,
            sizeBytes,
            requirement,
            payload,
            null,
            0,
            maxAttempts,
            Set.of(),
            null,
            null,
            null,
            null,
            null,
            now,
            now,
            0);
    task.events.add(
        new TaskEvents.TaskRequested(task.id.toString(), kind.name(), objectId, pieceIndex));
    return task;
  }

  void assign(String node, Instant now) {
    require(EnumSet.of(TaskStatus.REQUESTED), "assign");
    status = TaskStatus.ASSIGNED;
    nodeAddress = node;
    attempt = 1;
    updatedAt = now;
    events.add(new TaskEvents.TaskAssigned(id.toString(), kind.name(), node, attempt));
  }

  void start(String node, Instant now) {
    requireAssignee(node);
    require(EnumSet.of(TaskStatus.ASSIGNED), "start");
    status = TaskStatus.RUNNING;
    updatedAt = now;
    events.add(new TaskEvents.TaskStarted(id.toString(), node));
  }

  /**
   * The edge says it did the work. For a store task the digest of what it stored must be the digest
   * the platform computed; otherwise the task fails at once. Either way nothing is proven yet.
   */
  void submit(String node, String digest, BigInteger reportedUnits, Instant now) {
    requireAssignee(node);
    require(EnumSet.of(TaskStatus.RUNNING), "submit");
    if (reportedUnits.signum() < 0) {
      throw ApiProblem.badRequest("units must not be negative");
    }
    resultDigest = digest;
    units = kind == TaskKind.STORE ? BigInteger.valueOf(sizeBytes) : reportedUnits;
    status = TaskStatus.SUBMITTED;
    updatedAt = now;
    events.add(new TaskEvents.TaskSubmitted(id.toString(), node, digest, units));
    if (kind == TaskKind.STORE
        && contentDigest != null
        && !contentDigest.equalsIgnoreCase(digest)) {
      fail("stored digest " + digest + " is not the piece's digest " + contentDigest, now);
    }
  }

  void prove(String reference, Instant now) {
    require(EnumSet.of(TaskStatus.SUBMITTED), "prove");
    proofRef = reference;
    status = TaskStatus.PROVEN;
    updatedAt = now;
    events.add(new TaskEvents.TaskProven(id.toString(), nodeAddress, reference));
  }

  void fail(String reason, Instant now) {
    require(EnumSet.of(TaskStatus.ASSIGNED, TaskStatus.RUNNING, TaskStatus.SUBMITTED), "fail");
    failureReason = reason;
    status = TaskStatus.FAILED;
    updatedAt = now;
    events.add(new TaskEvents.TaskFailed(id.toString(), nodeAddress, reason));
  }

  boolean canBeReassigned() {
    return status == TaskStatus.FAILED && attempt < maxAttempts;
  }

  /** A failed task moves to another node that has not had it before. */
  void reassign(String node, Instant now) {
    require(EnumSet.of(TaskStatus.FAILED), "reassign");
    if (attempt >= maxAttempts) {
      throw ApiProblem.conflict(
          "task-attempts-exhausted",
          "No attempts left",
          "task " + id + " has used all " + maxAttempts + " attempts");
    }
    if (node.equalsIgnoreCase(nodeAddress) || previousNodes.contains(node)) {
      throw new IllegalArgumentException("a task is never reassigned to a node that had it");
    }
    String from = nodeAddress;
    previousNodes.add(from);
    nodeAddress = node;
    attempt++;
    status = TaskStatus.ASSIGNED;
    resultDigest = null;
    units = null;
    failureReason = null;
    updatedAt = now;
    events.add(new TaskEvents.TaskReassigned(id.toString(), from, node, attempt));
  }

  /** Proven tasks settle when their epoch is sealed; failed ones when no attempt is left. */
  void settle(Instant now) {
    require(EnumSet.of(TaskStatus.PROVEN, TaskStatus.FAILED), "settle");
    outcome = status.name();
    status = TaskStatus.SETTLED;
    updatedAt = now;
    events.add(new TaskEvents.TaskSettled(id.toString(), outcome));
  }

  private void require(Set<TaskStatus> allowed, String action) {
    if (!allowed.contains(status)) {
      throw ApiProblem.conflict(
          "illegal-task-transition",
          "Illegal task transition",
          "cannot " + action + " task " + id + " while it is " + status);
    }
  }

  private void requireAssignee(String node) {
    if (nodeAddress == null || !nodeAddress.equalsIgnoreCase(node)) {
      throw ApiProblem.forbidden("task " + id + " is not assigned to " + node);
    }
  }

  List<TaskEvent> pullEvents() {
    List<TaskEvent> pulled = List.copyOf(events);
    events.clear();
    return pulled;
  }

  public UUID id() {
    return id;
  }

  public TaskKind kind() {
    return kind;
  }

  public TaskStatus status() {
    return status;
  }

  public String objectId() {
    return objectId;
  }

  public Integer pieceIndex() {
    return pieceIndex;
  }

  public String contentDigest() {
    return contentDigest;
  }

  public long sizeBytes() {
    return sizeBytes;
  }

  public TaskRequirement requirement() {
    return requirement;
  }

  public Map<String, Object> payload() {
    return payload;
  }

  public String nodeAddress() {
    return nodeAddress;
  }

  public int attempt() {
    return attempt;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Set<String> previousNodes() {
    return Set.copyOf(previousNodes);
  }

  public String resultDigest() {
    return resultDigest;
  }

  public BigInteger units() {
    return units;
  }

  public String failureReason() {
    return failureReason;
  }

  public String proofRef() {
    return proofRef;
  }

  public String outcome() {
    return outcome;
  }

  public Instant requestedAt() {
    return requestedAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  long version() {
    return version;
  }
}
