package network.aioz.chain.withdrawal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code withdrawal} table. Every state change is made on a row the caller has locked. */
@Repository
class WithdrawalRepository {

  private final JdbcTemplate jdbc;

  WithdrawalRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the request unless its refund is known; true when it was new. */
  boolean insert(WithdrawalRequest request, Instant now) {
    return jdbc.update(
            "insert into withdrawal (refund_id, tenant_id, address, amount, expires_at, state,"
                + " requested_at, updated_at) values (?, ?, ?, ?, ?, 'requested', ?, ?)"
                + " on conflict (refund_id) do nothing",
            request.refundId(),
            request.tenantId(),
            request.address(),
            new BigDecimal(request.amount()),
            Timestamp.from(request.expiresAt()),
            Timestamp.from(now),
            Timestamp.from(now))
        == 1;
  }

  Optional<Withdrawal> find(UUID refundId) {
    return jdbc
        .query("select * from withdrawal where refund_id = ?", WithdrawalRepository::row, refundId)
        .stream()
        .findFirst();
  }

  /** The row, locked for the caller's transaction. */
  Optional<Withdrawal> lock(UUID refundId) {
    return jdbc
        .query(
            "select * from withdrawal where refund_id = ? for update",
            WithdrawalRepository::row,
            refundId)
        .stream()
        .findFirst();
  }

  /** Requested withdrawals, oldest first. */
  List<Withdrawal> requested(int limit) {
    return jdbc.query(
        "select * from withdrawal where state = 'requested' order by requested_at, refund_id"
            + " limit ?",
        WithdrawalRepository::row,
        limit);
  }

  /** Why a requested withdrawal waits. */
  void waiting(UUID refundId, String reason, Instant now) {
    jdbc.update(
        "update withdrawal set last_error = ?, updated_at = ? where refund_id = ?"
            + " and state = 'requested'",
        reason,
        Timestamp.from(now),
        refundId);
  }

  void sending(UUID refundId, long txId, String txHash, Instant now) {
    jdbc.update(
        "update withdrawal set state = 'sending', tx_id = ?, tx_hash = ?, last_error = null,"
            + " updated_at = ? where refund_id = ?",
        txId,
        txHash,
        Timestamp.from(now),
        refundId);
  }

  void paid(UUID refundId, long txId, String txHash, long block, Instant now) {
    jdbc.update(
        "update withdrawal set state = 'paid', tx_id = ?, tx_hash = ?, block_number = ?,"
            + " last_error = null, updated_at = ? where refund_id = ?",
        txId,
        txHash,
        block,
        Timestamp.from(now),
        refundId);
  }

  /** Ends the withdrawal unpaid; {@code txId} is the reverted transaction, if one was mined. */
  void failed(UUID refundId, Long txId, String txHash, Long block, String reason, Instant now) {
    jdbc.update(
        "update withdrawal set state = 'failed', tx_id = ?, tx_hash = ?, block_number = ?,"
            + " last_error = ?, updated_at = ? where refund_id = ?",
        txId,
        txHash,
        block,
        reason,
        Timestamp.from(now),
        refundId);
  }

  /** Back to {@code requested}: its transaction will never be mined. */
  void reopen(UUID refundId, String reason, Instant now) {
    jdbc.update(
        "update withdrawal set state = 'requested', tx_id = null, tx_hash = null,"
            + " last_error = ?, updated_at = ? where refund_id = ?",
        reason,
        Timestamp.from(now),
        refundId);
  }

  /** Whether a transaction of this refund's payout is in flight or was mined. */
  boolean payoutOnRecord(UUID refundId) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "select exists (select 1 from chain_tx where purpose = ? and reference = ?"
                + " and state in ('pending', 'mined'))",
            Boolean.class,
            Withdrawals.PURPOSE,
            refundId.toString()));
  }

  static Withdrawal row(ResultSet rs, int i) throws SQLException {
    long txId = rs.getLong("tx_id");
    Long tx = rs.wasNull() ? null : txId;
    long blockNumber = rs.getLong("block_number");
    Long block = rs.wasNull() ? null : blockNumber;
    return new Withdrawal(
        rs.getObject("refund_id", UUID.class),
        rs.getString("tenant_id"),
        rs.getString("address"),
        rs.getBigDecimal("amount").toBigIntegerExact(),
        rs.getTimestamp("expires_at").toInstant(),
        rs.getString("state"),
        tx,
        rs.getString("tx_hash"),
        block,
        rs.getString("last_error"),
        rs.getTimestamp("requested_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
