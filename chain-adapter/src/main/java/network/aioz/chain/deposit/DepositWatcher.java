package network.aioz.chain.deposit;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import network.aioz.chain.contracts.generated.TenantDeposits;
import network.aioz.chain.cursor.BlockCursors;
import network.aioz.chain.node.ChainNode;
import network.aioz.chain.node.ChainSettings;
import network.aioz.chain.tx.SingleWriter;
import network.aioz.shared.merkle.Bytes32;
import network.aioz.shared.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * Reads the TenantDeposits contract's {@code Deposit} logs from the configured start block, each
 * block once it has the configured confirmations, and reports each deposit to billing as {@code
 * DepositConfirmed} exactly once: the log is stored under its (chain, transaction, log index), the
 * event is written to the outbox only when that row is new, and the cursor moves on — all in one
 * database transaction per block range. A deposit whose {@code tenant} is not a platform tenant id
 * is kept (for reconciliation and a refund by hand) and not reported.
 */
@Component
public class DepositWatcher {

  static final String TOPIC = "chain.deposit";
  static final String CONFIRMED = "network.aioz.chain.DepositConfirmed";
  public static final String CURSOR = "deposits";
  public static final String DEPOSIT = EventEncoder.encode(TenantDeposits.DEPOSIT_EVENT);
  private static final Logger log = LoggerFactory.getLogger(DepositWatcher.class);

  /** Billing's contract for a confirmed deposit (services/billing-service/docs/funding.md). */
  record DepositConfirmed(
      long chainId,
      String txHash,
      long logIndex,
      long blockNumber,
      String blockHash,
      String from,
      String tenantId,
      String amount,
      long confirmations) {}

  private final ChainNode node;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Outbox outbox;
  private final SingleWriter writer;
  private final BlockCursors cursors;
  private final Clock clock;
  private final String contract;
  private final ChainSettings.Logs logs;
  private final int confirmations;

  DepositWatcher(
      ChainNode node,
      JdbcTemplate jdbc,
      TransactionTemplate tx,
      Outbox outbox,
      SingleWriter writer,
      BlockCursors cursors,
      Clock clock,
      ChainSettings settings) {
    this.node = node;
    this.jdbc = jdbc;
    this.tx = tx;
    this.outbox = outbox;
    this.writer = writer;
    this.cursors = cursors;
    this.clock = clock;
    String address = settings.contracts().deposits();
    this.contract =
        address == null || address.isBlank() ? null : address.toLowerCase(java.util.Locale.ROOT);
    if (contract != null && !contract.matches("0x[0-9a-f]{40}")) {
      throw new IllegalStateException(
          "chain.contracts.deposits (env CHAIN_DEPOSITS_ADDRESS) is not an address");
    }
    if (contract == null) {
      log.warn("chain.contracts.deposits is not set: deposits are not watched");
    }
    this.logs = settings.logs();
    this.confirmations = Math.max(1, settings.confirmations());
  }

  @Scheduled(fixedDelayString = "${chain.poll-interval:PT2S}")
  void turn() {
    if (contract == null) {
      return;
    }
    writer.turn("deposits", this::catchUp);
  }

  /** Reads every confirmed block after the cursor; returns the deposits newly reported. */
  public int catchUp() {
    long head = node.blockNumber();
    long confirmed = head - confirmations + 1;
    long next = cursor();
    int reported = 0;
    while (next <= confirmed) {
      long from = next;
      long to = Math.min(confirmed, from + logs.maxBlockRange() - 1);
      List<Log> found = node.logs(contract, DEPOSIT, null, from, to);
      Integer count = tx.execute(status -> record(found, head, from, to));
      if (count == null || count < 0) {
        break; // another turn moved the cursor meanwhile: the next turn starts from where it is
      }
      reported += count;
      next = to + 1;
    }
    return reported;
  }

  long cursor() {
    return cursors.next(CURSOR);
  }

  /** Records the range's deposits and moves the cursor past it; -1 when the cursor was moved. */
  private int record(List<Log> found, long head, long from, long to) {
    if (!cursors.claim(CURSOR, from)) {
      return -1;
    }
    int reported = 0;
    Instant now = clock.instant();
    for (Log entry : found) {
      if (entry.isRemoved()) {
        continue;
      }
      TenantDeposits.DepositEventResponse deposit = TenantDeposits.getDepositEventFromLog(entry);
      Optional<UUID> tenant = Bytes32.of(deposit.tenant).toUuid();
      long block = entry.getBlockNumber().longValueExact();
      String txHash = entry.getTransactionHash().toLowerCase(java.util.Locale.ROOT);
      long logIndex = entry.getLogIndex().longValueExact();
      int inserted =
          jdbc.update(
              "insert into chain_deposit (chain_id, tx_hash, log_index, block_number, block_hash,"
                  + " contract, depositor, tenant, tenant_id, amount, seen_at)"
                  + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
              node.chainId(),
              txHash,
              logIndex,
              block,
              entry.getBlockHash(),
              contract,
              deposit.from.toLowerCase(java.util.Locale.ROOT),
              Numeric.toHexString(deposit.tenant),
              tenant.map(UUID::toString).orElse(null),
              new BigDecimal(deposit.amount),
              Timestamp.from(now));
      if (inserted == 0) {
        continue;
      }
      if (tenant.isEmpty()) {
        log.warn(
            "DEPOSIT FOR NO TENANT: {} base units from {} in {} log {} name tenant {}, which is"
                + " not a platform tenant id; kept for a refund, not credited",
            deposit.amount,
            deposit.from,
            txHash,
            logIndex,
            Numeric.toHexString(deposit.tenant));
        continue;
      }
      outbox.append(
          TOPIC,
          tenant.get().toString(),
          CONFIRMED,
          new DepositConfirmed(
              node.chainId(),
              txHash,
              logIndex,
              block,
              entry.getBlockHash(),
              deposit.from.toLowerCase(java.util.Locale.ROOT),
              tenant.get().toString(),
              deposit.amount.toString(),
              head - block + 1));
      reported++;
      log.info(
          "deposit of {} base units for tenant {} ({} log {})",
          deposit.amount,
          tenant.get(),
          txHash,
          logIndex);
    }
    cursors.advance(CURSOR, to + 1);
    return reported;
  }
}
