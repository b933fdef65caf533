package network.aioz.proof.piece;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The {@code proof_piece} and {@code proof_node} tables. */
@Repository
public class PieceRepository {

  private static final String COLUMNS =
      "p.piece_id, p.task_id, p.node_address, p.endpoint, p.content_digest, p.size_bytes,"
          + " p.block_size, p.merkle_root, p.tenant_id, p.priority, p.stored_at,"
          + " p.next_challenge_at, p.challenges, p.consecutive_failures, p.last_result,"
          + " p.last_reason, p.last_challenged_at, p.released,"
          + " (select n.status from proof_node n where n.address = p.node_address) as node_status";

  private static final RowMapper<Placement> PLACEMENT = PieceRepository::placement;

  private final JdbcTemplate jdbc;

  PieceRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Records a stored piece; a replay of the same piece and task changes nothing. */
  boolean insertIfAbsent(PieceEvents.PieceStored stored, Instant storedAt, Instant firstChallenge) {
    return jdbc.update(
            "insert into proof_piece (piece_id, task_id, node_address, endpoint, content_digest,"
                + " size_bytes, block_size, merkle_root, tenant_id, priority, stored_at,"
                + " next_challenge_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " on conflict (piece_id, task_id) do nothing",
            stored.pieceId(),
            stored.taskId(),
            stored.nodeAddress(),
            stored.endpoint(),
            stored.contentDigest(),
            stored.sizeBytes(),
            stored.blockSize(),
            stored.merkleRoot(),
            stored.tenantId(),
            stored.priority(),
            Timestamp.from(storedAt),
            Timestamp.from(firstChallenge))
        == 1;
  }

  /** Stops challenging the piece (on the task's node, or on every node when taskId is null). */
  int release(UUID pieceId, UUID taskId, String reason, Instant now) {
    return jdbc.update(
        "update proof_piece set released = true, released_at = ?, release_reason = ?"
            + " where piece_id = ? and (?::uuid is null or task_id = ?) and not released",
        Timestamp.from(now),
        reason,
        pieceId,
        taskId,
        taskId);
  }

  void upsertNodeStatus(String address, String status, Instant now) {
    jdbc.update(
        "insert into proof_node (address, status, updated_at) values (?, ?, ?)"
            + " on conflict (address) do update set status = excluded.status,"
            + " updated_at = excluded.updated_at",
        address,
        status,
        Timestamp.from(now));
  }

  /** The node registered with a new endpoint: its pieces are challenged there from now on. */
  int moveEndpoint(String address, String endpoint) {
    return jdbc.update(
        "update proof_piece set endpoint = ? where node_address = ? and endpoint <> ?",
        endpoint,
        address,
        endpoint);
  }

  /**
   * Claims up to {@code limit} due pieces: their next challenge moves to {@code leaseUntil}, so a
   * challenge lost with a crashed process is simply retried then. Pieces other replicas have
   * claimed are skipped, not waited for; pieces of ejected nodes are not challenged.
   */
  public List<Placement> claimDue(Instant now, Instant leaseUntil, int limit) {
    return jdbc.query(
        "with due as (select q.piece_id, q.task_id from proof_piece q"
            + " where not q.released and q.next_challenge_at <= ?"
            + " and not exists (select 1 from proof_node n"
            + " where n.address = q.node_address and n.status = 'EJECTED')"
            + " order by q.next_challenge_at limit ? for update skip locked)"
            + " update proof_piece p set next_challenge_at = ? from due"
            + " where p.piece_id = due.piece_id and p.task_id = due.task_id"
            + " returning "
            + COLUMNS,
        PLACEMENT,
        Timestamp.from(now),
        limit,
        Timestamp.from(leaseUntil));
  }

  public List<Placement> findByPiece(UUID pieceId) {
    return jdbc.query(
        "select " + COLUMNS + " from proof_piece p where p.piece_id = ? order by p.stored_at",
        PLACEMENT,
        pieceId);
  }

  /** The placement, locked until the end of the caller's transaction. */
  public Optional<Placement> lock(UUID pieceId, UUID taskId) {
    return jdbc
        .query(
            "select "
                + COLUMNS
                + " from proof_piece p where p.piece_id = ? and p.task_id = ? for update of p",
            PLACEMENT,
            pieceId,
            taskId)
        .stream()
        .findFirst();
  }

  /** Stores the outcome of a challenge and when the next one is due. */
  public void recordOutcome(
      UUID pieceId,
      UUID taskId,
      String result,
      String reason,
      int consecutiveFailures,
      Instant challengedAt,
      Instant nextChallengeAt) {
    jdbc.update(
        "update proof_piece set challenges = challenges + 1, consecutive_failures = ?,"
            + " last_result = ?, last_reason = ?, last_challenged_at = ?, next_challenge_at = ?"
            + " where piece_id = ? and task_id = ?",
        consecutiveFailures,
        result,
        reason,
        Timestamp.from(challengedAt),
        Timestamp.from(nextChallengeAt),
        pieceId,
        taskId);
  }

  private static Placement placement(ResultSet rs, int row) throws SQLException {
    return new Placement(
        rs.getObject("piece_id", UUID.class),
        rs.getObject("task_id", UUID.class),
        rs.getString("node_address"),
        rs.getString("endpoint"),
        rs.getString("content_digest"),
        rs.getLong("size_bytes"),
        rs.getInt("block_size"),
        rs.getString("merkle_root"),
        rs.getString("tenant_id"),
        rs.getString("priority"),
        instant(rs, "stored_at"),
        instant(rs, "next_challenge_at"),
        rs.getInt("challenges"),
        rs.getInt("consecutive_failures"),
        rs.getString("last_result"),
        rs.getString("last_reason"),
        instant(rs, "last_challenged_at"),
        rs.getBoolean("released"),
        rs.getString("node_status"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
