package network.aioz.billing.reward;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import network.aioz.billing.economics.EdgeStatement;
import network.aioz.billing.economics.Ratio;
import network.aioz.billing.economics.WorkProved;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reward epochs and edge statements. */
@Repository
class RewardRepository {

  private final JdbcTemplate jdbc;

  RewardRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  record Epoch(
      long epoch,
      BigInteger pool,
      BigInteger total,
      BigInteger unallocated,
      long epochSeconds,
      String root,
      int edges,
      int paidEdges,
      String receiptsRoot,
      Instant sealedAt,
      Fees cumulativeFees,
      Fees fees) {}

  record Statement(
      long epoch,
      String address,
      WorkProved work,
      long tasksAssigned,
      long tasksCompleted,
      int faults,
      String contribution,
      String taskCompletion,
      String reputation,
      String qualityScore,
      String qualityScoreDisplay,
      BigInteger payout) {}

  boolean exists(long epoch) {
    return !jdbc.queryForList("select 1 from reward_epoch where epoch = ?", epoch).isEmpty();
  }

  /**
   * The cumulative fee snapshot of the epoch paid last (by arrival, not by number), zero before the
   * first; read under {@link Rewards#pay}'s lock, which serializes every payment.
   */
  Fees lastPaidCumulativeFees() {
    return jdbc
        .query(
            "select cumulative_creators, cumulative_edges, cumulative_validators,"
                + " cumulative_treasury, cumulative_burned from reward_epoch"
                + " order by paid_seq desc limit 1",
            (rs, i) -> fees(rs, "cumulative_"))
        .stream()
        .findFirst()
        .orElse(Fees.ZERO);
  }

  void insert(Epoch e, List<EdgeStatement> statements) {
    Fees c = e.cumulativeFees();
    Fees f = e.fees();
    jdbc.update(
        "insert into reward_epoch (epoch, pool, total, unallocated, epoch_seconds, root, edges,"
            + " paid_edges, receipts_root, sealed_at, cumulative_creators, cumulative_edges,"
            + " cumulative_validators, cumulative_treasury, cumulative_burned, fees_creators,"
            + " fees_edges, fees_validators, fees_treasury, fees_burned)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        e.epoch(),
        new BigDecimal(e.pool()),
        new BigDecimal(e.total()),
        new BigDecimal(e.unallocated()),
        e.epochSeconds(),
        e.root(),
        e.edges(),
        e.paidEdges(),
        e.receiptsRoot(),
        Timestamp.from(e.sealedAt()),
        new BigDecimal(c.creators()),
        new BigDecimal(c.edges()),
        new BigDecimal(c.validators()),
        new BigDecimal(c.treasury()),
        new BigDecimal(c.burned()),
        new BigDecimal(f.creators()),
        new BigDecimal(f.edges()),
        new BigDecimal(f.validators()),
        new BigDecimal(f.treasury()),
        new BigDecimal(f.burned()));
    jdbc.batchUpdate(
        "insert into reward_statement (epoch, address, storage_byte_hours, bandwidth_bytes,"
            + " transcode_minutes, inference_units, uptime_seconds, tasks_assigned, tasks_completed,"
            + " faults, contribution, task_completion, reputation, quality_score,"
            + " quality_score_display, payout) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        statements,
        500,
        (ps, s) -> {
          WorkProved w = s.work().work();
          ps.setLong(1, e.epoch());
          ps.setString(2, s.address());
          ps.setLong(3, w.storageByteHours());
          ps.setLong(4, w.bandwidthBytes());
          ps.setLong(5, w.transcodeMinutes());
          ps.setLong(6, w.inferenceUnits());
          ps.setLong(7, w.uptimeSeconds());
          ps.setLong(8, s.work().tasksAssigned());
          ps.setLong(9, s.work().tasksCompleted());
          ps.setInt(10, s.work().faults());
          ps.setString(11, ratio(s.contribution()));
          ps.setString(12, ratio(s.taskCompletion()));
          ps.setString(13, ratio(s.reputation()));
          ps.setString(14, ratio(s.qualityScore()));
          ps.setString(15, s.qualityScoreDisplay());
          ps.setBigDecimal(16, new BigDecimal(s.payout().baseUnits()));
        });
  }

  Optional<Epoch> epoch(long epoch) {
    return jdbc
        .query("select * from reward_epoch where epoch = ?", RewardRepository::epoch, epoch)
        .stream()
        .findFirst();
  }

  List<Statement> statements(long epoch) {
    return jdbc.query(
        "select * from reward_statement where epoch = ? order by address",
        RewardRepository::statement,
        epoch);
  }

  Optional<Statement> statement(long epoch, String address) {
    return jdbc
        .query(
            "select * from reward_statement where epoch = ? and address = ?",
            RewardRepository::statement,
            epoch,
            address)
        .stream()
        .findFirst();
  }

  /** The edge's statements, newest epoch first, before {@code beforeEpoch} when given. */
  List<Statement> statementsOf(String address, Long beforeEpoch, int limit) {
    return jdbc.query(
        "select * from reward_statement where address = ? and (?::bigint is null or epoch < ?)"
            + " order by epoch desc limit ?",
        RewardRepository::statement,
        address,
        beforeEpoch,
        beforeEpoch,
        limit);
  }

  static String ratio(Ratio r) {
    return r.numerator() + "/" + r.denominator();
  }

  private static BigInteger integer(ResultSet rs, String column) throws SQLException {
    return rs.getBigDecimal(column).toBigIntegerExact();
  }

  private static Epoch epoch(ResultSet rs, int row) throws SQLException {
    return new Epoch(
        rs.getLong("epoch"),
        integer(rs, "pool"),
        integer(rs, "total"),
        integer(rs, "unallocated"),
        rs.getLong("epoch_seconds"),
        rs.getString("root"),
        rs.getInt("edges"),
        rs.getInt("paid_edges"),
        rs.getString("receipts_root"),
        rs.getTimestamp("sealed_at").toInstant(),
        fees(rs, "cumulative_"),
        fees(rs, "fees_"));
  }

  private static Fees fees(ResultSet rs, String prefix) throws SQLException {
    return new Fees(
        integer(rs, prefix + "creators"),
        integer(rs, prefix + "edges"),
        integer(rs, prefix + "validators"),
        integer(rs, prefix + "treasury"),
        integer(rs, prefix + "burned"));
  }

  private static Statement statement(ResultSet rs, int row) throws SQLException {
    return new Statement(
        rs.getLong("epoch"),
        rs.getString("address"),
        new WorkProved(
            rs.getLong("storage_byte_hours"),
            rs.getLong("bandwidth_bytes"),
            rs.getLong("transcode_minutes"),
            rs.getLong("inference_units"),
            rs.getLong("uptime_seconds")),
        rs.getLong("tasks_assigned"),
        rs.getLong("tasks_completed"),
        rs.getInt("faults"),
        rs.getString("contribution"),
        rs.getString("task_completion"),
        rs.getString("reputation"),
        rs.getString("quality_score"),
        rs.getString("quality_score_display"),
        integer(rs, "payout"));
  }
}
