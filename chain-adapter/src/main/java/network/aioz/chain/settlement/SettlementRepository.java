package network.aioz.chain.settlement;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code settlement} table. */
@Repository
class SettlementRepository {

  private final JdbcTemplate jdbc;

  SettlementRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Settlement> find(long epoch) {
    return jdbc
        .query("select * from settlement where epoch = ?", SettlementRepository::row, epoch)
        .stream()
        .findFirst();
  }

  /** The row, locked for the caller's transaction. */
  Optional<Settlement> lock(long epoch) {
    return jdbc
        .query(
            "select * from settlement where epoch = ? for update", SettlementRepository::row, epoch)
        .stream()
        .findFirst();
  }

  /** The lowest epoch at or above {@code from} that is not committed. */
  Optional<Settlement> lowestOpen(long from) {
    return jdbc
        .query(
            "select * from settlement where state <> 'committed' and epoch >= ? order by epoch"
                + " limit 1",
            SettlementRepository::row,
            from)
        .stream()
        .findFirst();
  }

  boolean anySending() {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "select exists (select 1 from settlement where state = 'sending')", Boolean.class));
  }

  List<Settlement> latest(int limit) {
    return jdbc.query(
        "select * from settlement order by epoch desc limit ?", SettlementRepository::row, limit);
  }

  List<Settlement> open() {
    return jdbc.query(
        "select * from settlement where state <> 'committed' order by epoch",
        SettlementRepository::row);
  }

  Optional<Settlement> lastCommitted() {
    return jdbc
        .query(
            "select * from settlement where state = 'committed' order by epoch desc limit 1",
            SettlementRepository::row)
        .stream()
        .findFirst();
  }

  /**
   * Records the ledger's half; returns the receipts root already stored when it differs (a
   * conflicting report, which changes nothing).
   */
  Optional<String> receipts(
      long epoch,
      Long previousEpoch,
      String root,
      int receiptCount,
      Instant sealedAt,
      Instant now) {
    jdbc.update(
        "insert into settlement (epoch, previous_epoch, receipts_root, receipt_count, sealed_at,"
            + " updated_at) values (?, ?, ?, ?, ?, ?) on conflict (epoch) do update set"
            + " previous_epoch = excluded.previous_epoch, receipts_root = excluded.receipts_root,"
            + " receipt_count = excluded.receipt_count, sealed_at = excluded.sealed_at,"
            + " updated_at = excluded.updated_at where settlement.receipts_root is null",
        epoch,
        previousEpoch,
        root,
        receiptCount,
        sealedAt == null ? null : Timestamp.from(sealedAt),
        Timestamp.from(now));
    markReadyIfComplete(epoch, now);
    String stored =
        jdbc.queryForObject(
            "select receipts_root from settlement where epoch = ?", String.class, epoch);
    return root.equalsIgnoreCase(stored) ? Optional.empty() : Optional.of(stored);
  }

  /** Records billing's half; returns the rewards root already stored when it differs. */
  Optional<String> rewards(long epoch, String root, FeeTotals fees, Instant now) {
    jdbc.update(
        "insert into settlement (epoch, rewards_root, fee_creators, fee_edges, fee_validators,"
            + " fee_treasury, fee_burned, rewards_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?) on conflict (epoch) do update set rewards_root = excluded.rewards_root,"
            + " fee_creators = excluded.fee_creators, fee_edges = excluded.fee_edges,"
            + " fee_validators = excluded.fee_validators, fee_treasury = excluded.fee_treasury,"
            + " fee_burned = excluded.fee_burned, rewards_at = excluded.rewards_at,"
            + " updated_at = excluded.updated_at where settlement.rewards_root is null",
        epoch,
        root,
        new BigDecimal(fees.creators()),
        new BigDecimal(fees.edges()),
        new BigDecimal(fees.validators()),
        new BigDecimal(fees.treasury()),
        new BigDecimal(fees.burned()),
        Timestamp.from(now),
        Timestamp.from(now));
    markReadyIfComplete(epoch, now);
    String stored =
        jdbc.queryForObject(
            "select rewards_root from settlement where epoch = ?", String.class, epoch);
    return root.equalsIgnoreCase(stored) ? Optional.empty() : Optional.of(stored);
  }

  private void markReadyIfComplete(long epoch, Instant now) {
    jdbc.update(
        "update settlement set state = 'ready', updated_at = ? where epoch = ? and state ="
            + " 'waiting' and receipts_root is not null and rewards_root is not null",
        Timestamp.from(now),
        epoch);
  }

  void sending(long epoch, long txId, String previous, String commitment, Instant now) {
    jdbc.update(
        "update settlement set state = 'sending', tx_id = ?, previous_commitment = ?,"
            + " commitment = ?, last_error = null, updated_at = ? where epoch = ?",
        txId,
        previous,
        commitment,
        Timestamp.from(now),
        epoch);
  }

  void committed(
      long epoch,
      String previous,
      String commitment,
      String txHash,
      long blockNumber,
      String blockHash,
      Instant now) {
    jdbc.update(
        "update settlement set state = 'committed', previous_commitment = ?, commitment = ?,"
            + " tx_hash = ?, block_number = ?, block_hash = ?, committed_at = ?, last_error = null,"
            + " updated_at = ? where epoch = ?",
        previous,
        commitment,
        txHash,
        blockNumber,
        blockHash,
        Timestamp.from(now),
        Timestamp.from(now),
        epoch);
  }

  /**
   * Back to {@code ready} (or {@code blocked} with a reason) after a transaction that did not
   * commit.
   */
  void reopen(long epoch, String state, String error, Instant now) {
    jdbc.update(
        "update settlement set state = ?, last_error = ?, updated_at = ? where epoch = ?",
        state,
        error,
        Timestamp.from(now),
        epoch);
  }

  private static Settlement row(ResultSet rs, int i) throws SQLException {
    Timestamp committed = rs.getTimestamp("committed_at");
    return new Settlement(
        rs.getLong("epoch"),
        rs.getObject("previous_epoch", Long.class),
        rs.getString("receipts_root"),
        rs.getObject("receipt_count", Integer.class),
        rs.getString("rewards_root"),
        rs.getBigDecimal("fee_creators") == null
            ? null
            : new FeeTotals(
                integer(rs, "fee_creators"),
                integer(rs, "fee_edges"),
                integer(rs, "fee_validators"),
                integer(rs, "fee_treasury"),
                integer(rs, "fee_burned")),
        rs.getString("state"),
        rs.getObject("tx_id", Long.class),
        rs.getString("previous_commitment"),
        rs.getString("commitment"),
        rs.getString("tx_hash"),
        rs.getObject("block_number", Long.class),
        rs.getString("block_hash"),
        committed == null ? null : committed.toInstant(),
        rs.getString("last_error"),
        rs.getTimestamp("updated_at").toInstant());
  }

  private static BigInteger integer(ResultSet rs, String column) throws SQLException {
    return rs.getBigDecimal(column).toBigIntegerExact();
  }
}
