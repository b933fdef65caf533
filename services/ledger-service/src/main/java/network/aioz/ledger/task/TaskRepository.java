package network.aioz.ledger.task;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import network.aioz.ledger.support.StrictJson;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores tasks in the ledger's {@code task} table with optimistic versioning. */
@Repository
class TaskRepository {

  private static final String COLUMNS =
      "id, kind, status, object_id, piece_index, content_digest, size_bytes, requirement::text as requirement,"
          + " payload::text as payload, node_address, attempt, max_attempts, previous_nodes, result_digest,"
          + " units, failure_reason, proof_ref, outcome, requested_at, updated_at, version";

  private final JdbcClient jdbc;
  private final StrictJson json;

  TaskRepository(JdbcClient jdbc, StrictJson json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  Optional<Task> find(UUID id) {
    return jdbc.sql("select " + COLUMNS + " from task where id = ?")
        .param(id)
        .query(this::map)
        .optional();
  }

  Optional<Task> lock(UUID id) {
    return jdbc.sql("select " + COLUMNS + " from task where id = ? for update")
        .param(id)
        .query(this::map)
        .optional();
  }

  List<Task> openForNode(String address) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from task where node_address = ? and status in ('ASSIGNED', 'RUNNING')"
                + " and released_at is null order by requested_at limit 1000")
        .param(address)
        .query(this::map)
        .list();
  }

  /** Tasks the node holds and has not been proven for. */
  List<UUID> unprovenIdsOfNode(String address) {
    return jdbc.sql(
            "select id from task where node_address = ? and released_at is null"
                + " and status in ('ASSIGNED', 'RUNNING', 'SUBMITTED') order by requested_at")
        .param(address)
        .query(UUID.class)
        .list();
  }

  /** Tasks assigned or running that have not moved since {@code before}. */
  List<UUID> waitingSince(java.time.Instant before, int limit) {
    return jdbc.sql(
            "select id from task where status in ('ASSIGNED', 'RUNNING') and updated_at < ?"
                + " and released_at is null order by updated_at limit ?")
        .params(Timestamp.from(before), limit)
        .query(UUID.class)
        .list();
  }

  /** Marks a task released; false when it was already (or does not exist). */
  boolean release(UUID id, String reason, java.time.Instant now) {
    return jdbc.sql(
                "update task set released_at = ?, release_reason = ? where id = ? and released_at is null")
            .params(Timestamp.from(now), reason, id)
            .update()
        == 1;
  }

  /**
   * Releases the node has not acknowledged yet: task id, the piece digest, and whether the node
   * must keep the bytes anyway because another live task of its own holds the same piece (a repair
   * may send a piece back to the node that lost it).
   */
  List<Release> pendingReleases(String address) {
    return jdbc.sql(
            "select t.id, t.content_digest, exists (select 1 from task o where"
                + " o.node_address = t.node_address and o.content_digest = t.content_digest"
                + " and o.id <> t.id and o.released_at is null"
                + " and o.status in ('ASSIGNED', 'RUNNING', 'SUBMITTED', 'PROVEN', 'SETTLED')"
                + " and o.outcome is distinct from 'FAILED') from task t where t.node_address = ?"
                + " and t.released_at is not null and t.release_acked_at is null"
                + " order by t.released_at limit 1000")
        .param(address)
        .query(
            (rs, n) ->
                new Release(
                    rs.getObject(1, UUID.class).toString(), rs.getString(2), rs.getBoolean(3)))
        .list();
  }

  /** Records the node's acknowledgement; false when the task is not a pending release of it. */
  boolean ackRelease(UUID id, String address, java.time.Instant now) {
    return jdbc.sql(
                "update task set release_acked_at = ? where id = ? and node_address = ?"
                    + " and released_at is not null and release_acked_at is null")
            .params(Timestamp.from(now), id, address)
            .update()
        == 1;
  }

  /** A released piece: the node deletes it unless {@code keepPiece}, then acknowledges. */
  record Release(String taskId, String contentDigest, boolean keepPiece) {}

  List<UUID> requested(int limit) {
    return jdbc.sql("select id from task where status = 'REQUESTED' order by requested_at limit ?")
        .param(limit)
        .query(UUID.class)
        .list();
  }

  void insert(Task task) {
    jdbc.sql(
            "insert into task (id, kind, status, object_id, piece_index, content_digest, size_bytes,"
                + " requirement, payload, node_address, attempt, max_attempts, previous_nodes,"
                + " result_digest, units, failure_reason, proof_ref, outcome, requested_at, updated_at,"
                + " version) values (:id, :kind, :status, :objectId, :pieceIndex, :contentDigest,"
                + " :sizeBytes, cast(:requirement as jsonb), cast(:payload as jsonb), :nodeAddress,"
                + " :attempt, :maxAttempts, cast(:previousNodes as text[]), :resultDigest, :units,"
                + " :failureReason, :proofRef, :outcome, :requestedAt, :updatedAt, 0)")
        .params(params(task))
        .update();
  }

  /** Saves the task if nobody changed it since it was read. */
  void update(Task task) {
    int updated =
        jdbc.sql(
                "update task set status = :status, node_address = :nodeAddress, attempt = :attempt,"
                    + " previous_nodes = cast(:previousNodes as text[]), result_digest = :resultDigest,"
                    + " units = :units, failure_reason = :failureReason, proof_ref = :proofRef,"
                    + " outcome = :outcome, updated_at = :updatedAt, version = version + 1"
                    + " where id = :id and version = :version")
            .params(params(task))
            .update();
    if (updated != 1) {
      throw new OptimisticLockingFailureException("task " + task.id() + " changed concurrently");
    }
  }

  /** Settles every proven task of an epoch in one statement; returns how many it settled. */
  int settleProven(List<UUID> ids, java.time.Instant now) {
    if (ids.isEmpty()) {
      return 0;
    }
    return jdbc.sql(
            "update task set status = 'SETTLED', outcome = 'PROVEN', updated_at = ?, version = version + 1"
                + " where id = any(?) and status = 'PROVEN'")
        .params(Timestamp.from(now), ids.toArray(UUID[]::new))
        .update();
  }

  private Map<String, Object> params(Task task) {
    Map<String, Object> p = new HashMap<>();
    p.put("id", task.id());
    p.put("kind", task.kind().name());
    p.put("status", task.status().name());
    p.put("objectId", task.objectId());
    p.put("pieceIndex", task.pieceIndex());
    p.put("contentDigest", task.contentDigest());
    p.put("sizeBytes", task.sizeBytes());
    p.put("requirement", json.writeString(task.requirement()));
    p.put("payload", json.writeString(task.payload()));
    p.put("nodeAddress", task.nodeAddress());
    p.put("attempt", task.attempt());
    p.put("maxAttempts", task.maxAttempts());
    p.put("previousNodes", "{" + String.join(",", task.previousNodes()) + "}");
    p.put("resultDigest", task.resultDigest());
    p.put("units", task.units() == null ? null : new BigDecimal(task.units()));
    p.put("failureReason", task.failureReason());
    p.put("proofRef", task.proofRef());
    p.put("outcome", task.outcome());
    p.put("requestedAt", Timestamp.from(task.requestedAt()));
    p.put("updatedAt", Timestamp.from(task.updatedAt()));
    p.put("version", task.version());
    return p;
  }

  @SuppressWarnings("unchecked")
  private Task map(ResultSet rs, int row) throws SQLException {
    Array previous = rs.getArray("previous_nodes");
    BigDecimal units = rs.getBigDecimal("units");
    Integer pieceIndex = rs.getObject("piece_index", Integer.class);
    return new Task(
        rs.getObject("id", UUID.class),
        TaskKind.valueOf(rs.getString("kind")),
        TaskStatus.valueOf(rs.getString("status")),
        rs.getString("object_id"),
        pieceIndex,
        rs.getString("content_digest"),
        rs.getLong("size_bytes"),
        json.readString(rs.getString("requirement"), TaskRequirement.class),
        json.readString(rs.getString("payload"), Map.class),
        rs.getString("node_address"),
        rs.getInt("attempt"),
        rs.getInt("max_attempts"),
        previous == null
            ? java.util.Set.of()
            : new LinkedHashSet<>(List.of((String[]) previous.getArray())),
        rs.getString("result_digest"),
        units == null ? null : units.toBigIntegerExact(),
        rs.getString("failure_reason"),
        rs.getString("proof_ref"),
        rs.getString("outcome"),
        rs.getTimestamp("requested_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant(),
        rs.getLong("version"));
  }
}
