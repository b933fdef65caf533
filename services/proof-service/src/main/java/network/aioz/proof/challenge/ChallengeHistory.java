package network.aioz.proof.challenge;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import network.aioz.proof.piece.Placement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code proof_challenge} table: the latest challenges of each placed piece. */
@Repository
class ChallengeHistory {

  /** One past challenge. */
  record Entry(
      String challengeId,
      long blockIndex,
      boolean includeData,
      String result,
      String reason,
      String detail,
      String proofRef,
      long latencyMs,
      Instant challengedAt) {}

  private final JdbcTemplate jdbc;

  ChallengeHistory(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Appends a challenge and drops the oldest beyond {@code keep}. */
  void append(Placement placement, Challenger.Outcome outcome, Instant at, int keep) {
    Verdict verdict = outcome.verdict();
    jdbc.update(
        "insert into proof_challenge (challenge_id, piece_id, task_id, node_address, block_index,"
            + " include_data, result, reason, detail, proof_ref, latency_ms, challenged_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        UUID.fromString(outcome.sent().challengeId()),
        placement.pieceId(),
        placement.taskId(),
        placement.nodeAddress(),
        outcome.sent().blockIndex(),
        outcome.sent().includeData(),
        verdict.result().name(),
        verdict.reason(),
        verdict.detail(),
        verdict.proofRef(),
        (int) Math.min(Integer.MAX_VALUE, outcome.latency().toMillis()),
        Timestamp.from(at));
    jdbc.update(
        "delete from proof_challenge where piece_id = ? and task_id = ? and challenge_id not in"
            + " (select challenge_id from proof_challenge where piece_id = ? and task_id = ?"
            + " order by challenged_at desc limit ?)",
        placement.pieceId(),
        placement.taskId(),
        placement.pieceId(),
        placement.taskId(),
        keep);
  }

  List<Entry> recent(UUID pieceId, UUID taskId, int limit) {
    return jdbc.query(
        "select challenge_id, block_index, include_data, result, reason, detail, proof_ref,"
            + " latency_ms, challenged_at from proof_challenge where piece_id = ? and task_id = ?"
            + " order by challenged_at desc limit ?",
        (rs, n) ->
            new Entry(
                rs.getString("challenge_id"),
                rs.getLong("block_index"),
                rs.getBoolean("include_data"),
                rs.getString("result"),
                rs.getString("reason"),
                rs.getString("detail"),
                rs.getString("proof_ref"),
                rs.getLong("latency_ms"),
                rs.getObject("challenged_at", OffsetDateTime.class).toInstant()),
        pieceId,
        taskId,
        limit);
  }
}
