package network.aioz.billing.reward;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import network.aioz.billing.economics.EdgeEpochWork;
import network.aioz.billing.economics.EdgeStatement;
import network.aioz.billing.economics.EpochRewards;
import network.aioz.billing.economics.RewardPolicy;
import network.aioz.billing.economics.RewardTree;
import network.aioz.billing.ledger.AccountFlags;
import network.aioz.billing.ledger.Accounts;
import network.aioz.billing.ledger.Ledger;
import network.aioz.billing.ledger.TransferRequest;
import network.aioz.billing.ledger.TransferResult;
import network.aioz.billing.metering.FeesPaid;
import network.aioz.shared.amount.TokenAmount;
import network.aioz.shared.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Pays one sealed epoch's rewards, in the caller's transaction (the inbox's): the pool is the
 * available balance of {@code platform:edges} at that moment, locked so no credit slips in between
 * reading it and paying from it; it is stored with the epoch, so a replay finds the epoch done and
 * changes nothing. Payouts go to {@code edge:<address>} in one all-or-nothing batch, and {@code
 * RewardsSealed} is written to the outbox in the same transaction. What no edge earned stays in the
 * pool for the next epoch. The event also carries the fee splits and burns since the previously
 * paid epoch: the difference of two cumulative snapshots, each stored with its epoch, so every base
 * unit is reported in exactly one epoch.
 */
@Service
public class Rewards {

  static final String EDGE_PREFIX = "edge:";
  static final String TOPIC = "billing.reward";
  static final String SEALED = "network.aioz.billing.RewardsSealed";
  private static final Logger log = LoggerFactory.getLogger(Rewards.class);

  /**
   * What the chain adapter commits; amounts are strings of base units. {@code fees} are the fee
   * splits and burns since the previously paid epoch.
   */
  record RewardsSealed(
      long epoch,
      String root,
      String total,
      int edges,
      String pool,
      String unallocated,
      Instant sealedAt,
      FeeTotals fees) {}

  /** One epoch's fee-split totals: decimal strings of base units, never negative. */
  record FeeTotals(
      String creators, String edges, String validators, String treasury, String burned) {}

  private final RewardRepository repository;
  private final FeesPaid feesPaid;
  private final Accounts accounts;
  private final Ledger ledger;
  private final JdbcTemplate jdbc;
  private final Outbox outbox;
  private final Clock clock;

  Rewards(
      RewardRepository repository,
      FeesPaid feesPaid,
      Accounts accounts,
      Ledger ledger,
      JdbcTemplate jdbc,
      Outbox outbox,
      Clock clock) {
    this.repository = repository;
    this.feesPaid = feesPaid;
    this.accounts = accounts;
    this.ledger = ledger;
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.clock = clock;
  }

  static String edgeAccount(String address) {
    return EDGE_PREFIX + address;
  }

  /** The transfer id of an edge's reward: the same epoch and edge always give the same id. */
  static UUID transferId(long epoch, String address) {
    return UUID.nameUUIDFromBytes(
        ("reward:" + epoch + ":" + address).getBytes(StandardCharsets.UTF_8));
  }

  /** Pays the epoch unless it was paid before; must run inside a transaction. */
  public void pay(EpochSealed sealed) {
    long epoch = sealed.epoch();
    // serializes concurrent deliveries of the same epoch and any credit to the pool
    BigInteger pool =
        jdbc.queryForObject(
            "select credits_posted - debits_posted - debits_pending from ledger_account"
                + " where id = ? for update",
            (rs, i) -> rs.getBigDecimal(1).toBigIntegerExact(),
            Accounts.EDGES);
    if (repository.exists(epoch)) {
      log.info("rewards of epoch {} were paid before", epoch);
      return;
    }
    // under the lock, so two payments never read the same previous snapshot; a charge committed
    // after this read counts in the next epoch
    Fees cumulativeFees = cumulativeFees();
    Fees fees = cumulativeFees.since(repository.lastPaidCumulativeFees());
    long epochSeconds = EpochWork.epochSeconds(sealed);
    List<EdgeEpochWork> work = EpochWork.of(sealed);
    EpochRewards rewards =
        RewardPolicy.DEFAULT.rewards(epoch, epochSeconds, TokenAmount.ofBaseUnits(pool), work);
    RewardTree tree = RewardTree.of(rewards);
    BigInteger total = pool.subtract(rewards.unallocated().baseUnits());
    Instant now = clock.instant();
    repository.insert(
        new RewardRepository.Epoch(
            epoch,
            pool,
            total,
            rewards.unallocated().baseUnits(),
            epochSeconds,
            tree.root().toHex(),
            rewards.statements().size(),
            tree.amounts().size(),
            sealed.root(),
            now,
            cumulativeFees,
            fees),
        rewards.statements());
    List<TransferRequest> payouts = new ArrayList<>();
    for (EdgeStatement statement : rewards.statements()) {
      if (statement.payout().isZero()) {
        continue;
      }
      String account = edgeAccount(statement.address());
      jdbc.update(
          "insert into ledger_account (id, kind, flags) values (?, 'edge', ?) on conflict do nothing",
          account,
          AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS);
      payouts.add(
          TransferRequest.posted(
              transferId(epoch, statement.address()),
              Accounts.EDGES,
              account,
              statement.payout().baseUnits(),
              "reward",
              "epoch:" + epoch));
    }
    RewardsSealed event =
        new RewardsSealed(
            epoch,
            tree.root().toHex(),
            total.toString(),
            tree.amounts().size(),
            pool.toString(),
            rewards.unallocated().baseUnits().toString(),
            now,
            fees.totals());
    if (payouts.isEmpty()) {
      outbox.append(TOPIC, Long.toString(epoch), SEALED, event);
    } else {
      ledger.submit(
          payouts,
          true,
          results -> {
            if (results.stream().anyMatch(r -> r != TransferResult.CREATED)) {
              // nothing of this epoch may stand half-paid: roll back, statements and inbox entry
              // too
              throw new IllegalStateException(
                  "rewards of epoch " + epoch + " could not be paid: " + results);
            }
            outbox.append(TOPIC, Long.toString(epoch), SEALED, event);
          });
    }
    log.info(
        "rewards of epoch {}: pool {}, paid {} to {} edges, {} left, root {}, fees {}",
        epoch,
        pool,
        total,
        tree.amounts().size(),
        rewards.unallocated().baseUnits(),
        tree.root().toHex(),
        fees);
  }

  /** Fee splits charged and revenue burned so far. */
  private Fees cumulativeFees() {
    FeesPaid.Totals paid = feesPaid.cumulative();
    BigInteger burned =
        accounts
            .balance(Accounts.BURN)
            .map(Accounts.Balance::creditsPosted)
            .orElse(BigInteger.ZERO);
    return new Fees(paid.creators(), paid.edges(), paid.validators(), paid.treasury(), burned);
  }
}
