package network.aioz.chain.reconcile;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import network.aioz.chain.contracts.generated.SettlementRegistry;
import network.aioz.chain.contracts.generated.TenantDeposits;
import network.aioz.chain.cursor.BlockCursors;
import network.aioz.chain.deposit.DepositWatcher;
import network.aioz.chain.node.ChainNode;
import network.aioz.chain.node.ChainSettings;
import network.aioz.chain.tx.SingleWriter;
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
 * Compares, over the last {@code chain.reconcile-window} blocks, the registry's EpochCommitted logs
 * with the epochs recorded as committed, and the TenantDeposits logs with the deposits recorded;
 * also lists epochs that cannot be committed and deposits for no tenant. Every difference is a
 * finding, stored (the latest run replaces the previous one's) and logged at ERROR.
 */
@Component
public class Reconciler {

  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
  private static final String COMMITTED =
      EventEncoder.encode(SettlementRegistry.EPOCHCOMMITTED_EVENT);
  private static final String DEPOSIT = EventEncoder.encode(TenantDeposits.DEPOSIT_EVENT);

  /** A difference between the chain and the records. */
  public record Finding(String kind, String subject, String detail) {}

  /** One run. */
  public record Report(
      Instant startedAt,
      Instant finishedAt,
      long fromBlock,
      long toBlock,
      int epochs,
      int deposits,
      List<Finding> findings) {}

  private final ChainNode node;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final ChainSettings settings;
  private final BlockCursors cursors;
  private final SingleWriter writer;
  private final Clock clock;

  Reconciler(
      ChainNode node,
      JdbcTemplate jdbc,
      TransactionTemplate tx,
      ChainSettings settings,
      BlockCursors cursors,
      SingleWriter writer,
      Clock clock) {
    this.node = node;
    this.jdbc = jdbc;
    this.tx = tx;
    this.settings = settings;
    this.cursors = cursors;
    this.writer = writer;
    this.clock = clock;
  }

  @Scheduled(
      initialDelayString = "${chain.reconcile-interval:PT10M}",
      fixedDelayString = "${chain.reconcile-interval:PT10M}")
  void scheduled() {
    // the writer's records are the ones compared, and one report at a time replaces the last
    writer.turn("reconciliation", this::run);
  }

  /** Runs a reconciliation now and stores its report. */
  public Report run() {
    Instant started = clock.instant();
    long head = node.blockNumber();
    long from = Math.max(settings.logs().startBlock(), head - settings.reconcileWindow() + 1);
    List<Finding> findings = new ArrayList<>();
    int epochs = reconcileCommits(from, head, findings);
    int deposits = reconcileDeposits(from, head, findings);
    for (Map<String, Object> open :
        jdbc.queryForList(
            "select epoch, last_error from settlement where state = 'blocked' order by epoch")) {
      findings.add(
          new Finding(
              "epoch-blocked",
              "epoch " + open.get("epoch"),
              String.valueOf(open.get("last_error"))));
    }
    // billing returns the money of a withdrawal whose hold expires; a payout still in flight then
    // could mine after it and pay twice: an operator must get it mined or replaced in time
    for (Map<String, Object> late :
        jdbc.queryForList(
            "select refund_id, expires_at, tx_hash from withdrawal where state = 'sending'"
                + " and expires_at < ? order by expires_at",
            Timestamp.from(started.plus(Duration.ofDays(1))))) {
      findings.add(
          new Finding(
              "withdrawal-in-flight-near-expiry",
              "withdrawal " + late.get("refund_id"),
              "payout "
                  + late.get("tx_hash")
                  + " is not mined and billing returns the money at "
                  + late.get("expires_at")));
    }
    Report report =
        new Report(started, clock.instant(), from, head, epochs, deposits, List.copyOf(findings));
    store(report);
    if (findings.isEmpty()) {
      log.info(
          "reconciliation of blocks {}..{}: {} commits and {} deposits agree with the chain",
          from,
          head,
          epochs,
          deposits);
    } else {
      for (Finding f : findings) {
        log.error("RECONCILIATION: {} {}: {}", f.kind(), f.subject(), f.detail());
      }
    }
    return report;
  }

  private int reconcileCommits(long from, long to, List<Finding> findings) {
    String registry = settings.contracts().registry();
    Map<Long, SettlementRegistry.EpochCommittedEventResponse> onChain = new HashMap<>();
    for (Log entry : logs(registry, COMMITTED, from, to)) {
      SettlementRegistry.EpochCommittedEventResponse event =
          SettlementRegistry.getEpochCommittedEventFromLog(entry);
      onChain.put(event.epoch.longValueExact(), event);
    }
    List<Map<String, Object>> recorded =
        jdbc.queryForList(
            "select epoch, commitment, tx_hash, receipts_root, rewards_root from settlement"
                + " where state = 'committed' and block_number between ? and ?",
            from,
            to);
    for (Map<String, Object> row : recorded) {
      long epoch = ((Number) row.get("epoch")).longValue();
      SettlementRegistry.EpochCommittedEventResponse event = onChain.remove(epoch);
      if (event == null) {
        findings.add(
            new Finding(
                "commit-missing",
                "epoch " + epoch,
                "recorded as committed in " + row.get("tx_hash") + ", no such log on chain"));
        continue;
      }
      String chainCommitment = Numeric.toHexString(event.commitment);
      if (!chainCommitment.equalsIgnoreCase((String) row.get("commitment"))
          || !Numeric.toHexString(event.receiptsRoot)
              .equalsIgnoreCase((String) row.get("receipts_root"))
          || !Numeric.toHexString(event.rewardsRoot)
              .equalsIgnoreCase((String) row.get("rewards_root"))) {
        findings.add(
            new Finding(
                "commit-differs",
                "epoch " + epoch,
                "chain commitment " + chainCommitment + ", recorded " + row.get("commitment")));
      }
    }
    // mined but not yet seen by the transaction pump: recorded at its next turn, not a finding
    Set<String> pending =
        new HashSet<>(
            jdbc.queryForList(
                "select lower(hash) from chain_tx where state = 'pending'", String.class));
    for (var unknown : onChain.entrySet()) {
      String txHash = unknown.getValue().log.getTransactionHash();
      if (txHash != null && pending.contains(txHash.toLowerCase(Locale.ROOT))) {
        continue;
      }
      findings.add(
          new Finding(
              "commit-unrecorded",
              "epoch " + unknown.getKey(),
              "committed on chain in "
                  + unknown.getValue().log.getTransactionHash()
                  + " but not recorded as committed"));
    }
    return recorded.size();
  }

  private int reconcileDeposits(long from, long to, List<Finding> findings) {
    String contract = settings.contracts().deposits();
    if (contract == null || contract.isBlank()) {
      return 0;
    }
    long cursor = cursors.next(DepositWatcher.CURSOR);
    long upTo = Math.min(to, cursor - 1);
    Map<String, Log> onChain = new HashMap<>();
    if (upTo >= from) {
      for (Log entry : logs(contract, DEPOSIT, from, upTo)) {
        onChain.put(key(entry.getTransactionHash(), entry.getLogIndex().longValueExact()), entry);
      }
    }
    List<Map<String, Object>> recorded =
        jdbc.queryForList(
            "select tx_hash, log_index, tenant, tenant_id, amount from chain_deposit"
                + " where chain_id = ? and block_number between ? and ?",
            node.chainId(),
            from,
            upTo);
    for (Map<String, Object> row : recorded) {
      String key = key((String) row.get("tx_hash"), ((Number) row.get("log_index")).longValue());
      Log entry = onChain.remove(key);
      if (entry == null) {
        findings.add(new Finding("deposit-missing", key, "recorded, but no such log on chain"));
        continue;
      }
      TenantDeposits.DepositEventResponse event = TenantDeposits.getDepositEventFromLog(entry);
      if (event.amount.compareTo(((java.math.BigDecimal) row.get("amount")).toBigIntegerExact())
          != 0) {
        findings.add(
            new Finding(
                "deposit-differs",
                key,
                "chain " + event.amount + ", recorded " + row.get("amount")));
      }
      if (row.get("tenant_id") == null) {
        findings.add(
            new Finding(
                "deposit-no-tenant",
                key,
                event.amount + " base units for " + row.get("tenant") + ", to be refused by hand"));
      }
    }
    for (String unrecorded : onChain.keySet()) {
      findings.add(new Finding("deposit-unrecorded", unrecorded, "on chain, not recorded"));
    }
    return recorded.size();
  }

  private List<Log> logs(String address, String topic, long from, long to) {
    List<Log> all = new ArrayList<>();
    for (long start = from; start <= to; start += settings.logs().maxBlockRange()) {
      long end = Math.min(to, start + settings.logs().maxBlockRange() - 1);
      all.addAll(node.logs(address, topic, null, start, end));
    }
    return all;
  }

  private static String key(String txHash, long logIndex) {
    return txHash.toLowerCase(Locale.ROOT) + ":" + logIndex;
  }

  private void store(Report report) {
    tx.executeWithoutResult(
        status -> {
          jdbc.update("delete from reconciliation_finding");
          for (Finding f : report.findings()) {
            jdbc.update(
                "insert into reconciliation_finding (run_at, kind, subject, detail)"
                    + " values (?, ?, ?, ?)",
                Timestamp.from(report.startedAt()),
                f.kind(),
                f.subject(),
                f.detail());
          }
          jdbc.update(
              "insert into reconciliation_run (started_at, finished_at, from_block, to_block,"
                  + " epochs, deposits, findings) values (?, ?, ?, ?, ?, ?, ?)",
              Timestamp.from(report.startedAt()),
              Timestamp.from(report.finishedAt()),
              report.fromBlock(),
              report.toBlock(),
              report.epochs(),
              report.deposits(),
              report.findings().size());
        });
  }

  /** The latest stored report, if any run finished. */
  public java.util.Optional<Report> latest() {
    return jdbc
        .query(
            "select * from reconciliation_run order by id desc limit 1",
            (rs, i) ->
                new Report(
                    rs.getTimestamp("started_at").toInstant(),
                    rs.getTimestamp("finished_at").toInstant(),
                    rs.getLong("from_block"),
                    rs.getLong("to_block"),
                    rs.getInt("epochs"),
                    rs.getInt("deposits"),
                    jdbc.query(
                        "select kind, subject, detail from reconciliation_finding order by id",
                        (f, j) ->
                            new Finding(
                                f.getString("kind"),
                                f.getString("subject"),
                                f.getString("detail")))))
        .stream()
        .findFirst();
  }
}
