package network.aioz.ledger.receipt;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import network.aioz.shared.merkle.Bytes32;
import network.aioz.shared.receipt.WorkKind;
import network.aioz.shared.receipt.WorkReceipt;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Receipts, sealed epochs and their per-node totals. */
@Repository
class ReceiptRepository {

  private final JdbcClient jdbc;

  ReceiptRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** False when the task has its receipt already. */
  boolean insert(UUID taskId, WorkReceipt receipt, Instant now) {
    return jdbc.sql(
                "insert into work_receipt (task_id, node_address, kind, units, epoch, proof_ref, created_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?) on conflict (task_id) do nothing")
            .params(
                taskId,
                receipt.node(),
                receipt.kind().code(),
                new BigDecimal(receipt.units()),
                receipt.epoch(),
                receipt.proofRef().toHex(),
                Timestamp.from(now))
            .update()
        > 0;
  }

  Optional<StoredReceipt> find(UUID taskId) {
    return jdbc.sql(
            "select task_id, node_address, kind, units, epoch, proof_ref from work_receipt where task_id = ?")
        .param(taskId)
        .query(this::map)
        .optional();
  }

  List<StoredReceipt> ofEpoch(long epoch) {
    return jdbc.sql(
            "select task_id, node_address, kind, units, epoch, proof_ref from work_receipt"
                + " where epoch = ? order by task_id")
        .param(epoch)
        .query(this::map)
        .list();
  }

  /** Epochs at or before {@code last} that have receipts and are not sealed yet, oldest first. */
  List<Long> unsealedUpTo(long last) {
    return jdbc.sql(
            "select distinct r.epoch from work_receipt r where r.epoch <= ?"
                + " and not exists (select 1 from epoch e where e.number = r.epoch) order by r.epoch")
        .param(last)
        .query(Long.class)
        .list();
  }

  /** The newest sealed epoch before {@code epoch}; -1 when none. */
  long sealedBefore(long epoch) {
    return jdbc.sql("select coalesce(max(number), -1) from epoch where number < ?")
        .param(epoch)
        .query(Long.class)
        .single();
  }

  /** The sealed epoch before {@code epoch}, or null for the first (see {@link SealedEpoch}). */
  Long previousOf(long epoch) {
    long previous = sealedBefore(epoch);
    return previous < 0 ? null : previous;
  }

  long lastSealed() {
    return jdbc.sql("select coalesce(max(number), -1) from epoch").query(Long.class).single();
  }

  /**
   * Claims sealing for this transaction; false while another replica seals. One sealer at a time,
   * not one per epoch: an epoch names the sealed epoch before it, which must be committed first.
   */
  boolean lockSealing() {
    return Boolean.TRUE.equals(
        jdbc.sql("select pg_try_advisory_xact_lock(?, 0)")
            .param(0x65706f63)
            .query(Boolean.class)
            .single());
  }

  boolean isSealed(long epoch) {
    return jdbc.sql("select count(*) from epoch where number = ?")
            .param(epoch)
            .query(Long.class)
            .single()
        > 0;
  }

  void insertEpoch(SealedEpoch epoch) {
    jdbc.sql(
            "insert into epoch (number, starts_at, ends_at, root, receipt_count, sealed_at)"
                + " values (?, ?, ?, ?, ?, ?)")
        .params(
            epoch.epoch(),
            Timestamp.from(epoch.startsAt()),
            Timestamp.from(epoch.endsAt()),
            epoch.root(),
            epoch.receiptCount(),
            Timestamp.from(epoch.sealedAt()))
        .update();
    for (SealedEpoch.NodeTotal total : epoch.nodeTotals()) {
      jdbc.sql(
              "insert into epoch_node_total (epoch, node_address, kind, tasks, units) values (?, ?, ?, ?, ?)")
          .params(
              epoch.epoch(),
              total.nodeAddress(),
              WorkKind.valueOf(total.kind()).code(),
              total.tasks(),
              new BigDecimal(total.units()))
          .update();
    }
    for (SealedEpoch.NodeStats stats : epoch.nodeStats()) {
      jdbc.sql(
              "insert into epoch_node_stats (epoch, node_address, tasks_assigned, tasks_completed,"
                  + " faults, uptime_seconds, status) values (?, ?, ?, ?, ?, ?, ?)")
          .params(
              epoch.epoch(),
              stats.nodeAddress(),
              stats.tasksAssigned(),
              stats.tasksCompleted(),
              stats.faults(),
              stats.uptimeSeconds(),
              stats.status())
          .update();
    }
  }

  Optional<SealedEpoch> findEpoch(long number) {
    return jdbc.sql(
            "select number, starts_at, ends_at, root, receipt_count, sealed_at from epoch where number = ?")
        .param(number)
        .query(
            (rs, row) ->
                new SealedEpoch(
                    rs.getLong("number"),
                    rs.getTimestamp("starts_at").toInstant(),
                    rs.getTimestamp("ends_at").toInstant(),
                    rs.getString("root"),
                    rs.getInt("receipt_count"),
                    previousOf(number),
                    rs.getTimestamp("sealed_at").toInstant(),
                    totals(number),
                    stats(number)))
        .optional();
  }

  List<Long> latestEpochs(int limit) {
    return jdbc.sql("select number from epoch order by number desc limit ?")
        .param(limit)
        .query(Long.class)
        .list();
  }

  private List<SealedEpoch.NodeTotal> totals(long epoch) {
    return jdbc.sql(
            "select node_address, kind, tasks, units from epoch_node_total where epoch = ?"
                + " order by node_address, kind")
        .param(epoch)
        .query(
            (rs, row) ->
                new SealedEpoch.NodeTotal(
                    rs.getString("node_address"),
                    WorkKind.ofCode(rs.getInt("kind")).name(),
                    rs.getLong("tasks"),
                    rs.getBigDecimal("units").toBigIntegerExact()))
        .list();
  }

  private List<SealedEpoch.NodeStats> stats(long epoch) {
    return jdbc.sql(
            "select node_address, tasks_assigned, tasks_completed, faults, uptime_seconds, status"
                + " from epoch_node_stats where epoch = ? order by node_address")
        .param(epoch)
        .query(
            (rs, row) ->
                new SealedEpoch.NodeStats(
                    rs.getString(1),
                    rs.getLong(2),
                    rs.getLong(3),
                    rs.getLong(4),
                    rs.getLong(5),
                    rs.getString(6)))
        .list();
  }

  private StoredReceipt map(ResultSet rs, int row) throws SQLException {
    UUID taskId = rs.getObject("task_id", UUID.class);
    BigInteger units = rs.getBigDecimal("units").toBigIntegerExact();
    return new StoredReceipt(
        taskId,
        WorkReceipt.of(
            taskId,
            rs.getString("node_address"),
            WorkKind.ofCode(rs.getInt("kind")),
            units,
            rs.getLong("epoch"),
            Bytes32.fromHex(rs.getString("proof_ref"))));
  }

  record StoredReceipt(UUID taskId, WorkReceipt receipt) {}
}
