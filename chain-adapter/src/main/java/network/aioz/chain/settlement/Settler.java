package network.aioz.chain.settlement;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import network.aioz.chain.contracts.generated.SettlementRegistry;
import network.aioz.chain.node.ChainNode;
import network.aioz.chain.node.ChainSettings;
import network.aioz.chain.node.Revert;
import network.aioz.chain.tx.ChainTx;
import network.aioz.chain.tx.Fees;
import network.aioz.chain.tx.SingleWriter;
import network.aioz.chain.tx.TransactionOutcomes;
import network.aioz.chain.tx.Transactions;
import network.aioz.shared.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Commits sealed epochs to the registry, one at a time and in order: an epoch goes once both its
 * roots are known and the sealed epoch before it is committed. Before signing, the call is
 * simulated ({@code eth_estimateGas}): a commit the chain would refuse is never sent, and an epoch
 * the chain already has (a transaction whose receipt a crash hid) is taken from the chain's log
 * instead of being sent again. Exactly one commit per epoch follows from this, from the contract's
 * own one-commit rule, and from {@link Transactions} never signing a second nonce for a commit in
 * flight.
 */
@Component
class Settler implements TransactionOutcomes {

  static final String PURPOSE = "settlement";
  static final String TOPIC = "chain.settlement";
  static final String SETTLED = "network.aioz.chain.EpochSettled";
  private static final String ZERO = "0x" + "0".repeat(64);
  private static final Logger log = LoggerFactory.getLogger(Settler.class);

  /** What {@code EpochSettled} says: the epoch's commit, where it is on chain. */
  record EpochSettled(
      long chainId,
      String registry,
      long epoch,
      String receiptsRoot,
      String rewardsRoot,
      FeeTotals.View fees,
      String previous,
      String commitment,
      String txHash,
      long blockNumber,
      String blockHash,
      Instant settledAt) {}

  private final SettlementRepository repository;
  private final Registry registry;
  private final Transactions transactions;
  private final SingleWriter writer;
  private final ChainNode node;
  private final Outbox outbox;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final long startEpoch;

  Settler(
      SettlementRepository repository,
      Registry registry,
      Transactions transactions,
      SingleWriter writer,
      ChainNode node,
      Outbox outbox,
      TransactionTemplate tx,
      Clock clock,
      ChainSettings settings) {
    this.repository = repository;
    this.registry = registry;
    this.transactions = transactions;
    this.writer = writer;
    this.node = node;
    this.outbox = outbox;
    this.tx = tx;
    this.clock = clock;
    this.startEpoch = settings.settlement().startEpoch();
  }

  @Override
  public String purpose() {
    return PURPOSE;
  }

  @Scheduled(fixedDelayString = "${chain.poll-interval:PT2S}")
  void turn() {
    writer.turn(
        "settlement",
        () -> {
          while (commitNext()) {
            // an epoch taken from the chain lets the next one go at once
          }
        });
  }

  /**
   * Takes the next epoch one step: sends its commit, or takes it from the chain. True when it was
   * found committed on chain already, so the one after it may go now.
   */
  boolean commitNext() {
    if (repository.anySending()) {
      return false;
    }
    Optional<Settlement> open = repository.lowestOpen(startEpoch);
    if (open.isEmpty() || "waiting".equals(open.get().state())) {
      return false;
    }
    Settlement next = open.get();
    Long previousEpoch = next.previousEpoch();
    Settlement previous = null;
    if (previousEpoch != null && previousEpoch >= startEpoch) {
      previous = repository.find(previousEpoch).orElse(null);
      if (previous == null || !previous.committed()) {
        // sealed epochs may arrive out of order: the one before must be committed first
        return false;
      }
    }
    if (!ZERO.equals(registry.commitmentOf(next.epoch()))) {
      // a commit comes after its predecessor's: no need to search the chain before that block
      return adoptFromChain(next.epoch(), previous == null ? null : previous.blockNumber());
    }
    String head = registry.latestCommitment();
    if (previous != null && !head.equalsIgnoreCase(previous.commitment())) {
      block(
          next.epoch(),
          "the registry's latest commitment "
              + head
              + " is not epoch "
              + previous.epoch()
              + "'s "
              + previous.commitment()
              + ": another writer, or another registry");
      return false;
    }
    FeeTotals fees = next.fees(); // a ready epoch has both halves
    byte[] call =
        registry.commitCall(next.epoch(), next.receiptsRoot(), next.rewardsRoot(), fees, head);
    switch (node.estimateGas(transactions.sender(), registry.address(), call)) {
      case ChainNode.Estimate.Reverts reverts -> {
        if (reverts.revert().is(Revert.EPOCH_ALREADY_COMMITTED)) {
          block(
              next.epoch(),
              "epoch "
                  + next.epoch()
                  + " is behind the registry's latest epoch "
                  + registry.latestEpoch()
                  + " and can no longer be committed");
        } else {
          block(
              next.epoch(), "the registry would refuse the commit: " + describe(reverts.revert()));
        }
        return false;
      }
      case ChainNode.Estimate.Gas gas -> send(next, fees, head, call, gas.gas());
    }
    return false;
  }

  private void send(Settlement next, FeeTotals fees, String head, byte[] call, long gas) {
    Fees offer = transactions.currentFees();
    long chainNonce = node.pendingNonce(transactions.sender());
    String commitment =
        Registry.commitment(next.epoch(), next.receiptsRoot(), next.rewardsRoot(), fees, head);
    ChainTx sent =
        tx.execute(
            status -> {
              Settlement locked = repository.lock(next.epoch()).orElseThrow();
              if (!locked.state().equals(next.state())) {
                return null;
              }
              ChainTx signed =
                  transactions.submit(
                      PURPOSE,
                      Long.toString(next.epoch()),
                      registry.address(),
                      call,
                      transactions.gasLimit(gas),
                      offer,
                      chainNonce);
              repository.sending(next.epoch(), signed.id(), head, commitment, clock.instant());
              return signed;
            });
    if (sent != null) {
      log.info("committing epoch {} ({}), commitment {}", next.epoch(), sent.hash(), commitment);
      transactions.broadcast(sent);
    }
  }

  /** Records a commit found on chain (sent before a crash, or by a former process). */
  private boolean adoptFromChain(long epoch, Long notBefore) {
    Optional<SettlementRegistry.EpochCommittedEventResponse> found =
        registry.findCommit(epoch, notBefore);
    if (found.isEmpty()) {
      block(epoch, "the registry holds a commitment for epoch " + epoch + " but no log of it");
      return false;
    }
    SettlementRegistry.EpochCommittedEventResponse event = found.get();
    tx.executeWithoutResult(status -> record(epoch, event));
    log.warn(
        "epoch {} was committed on chain already ({}, block {}): recorded, not sent again",
        epoch,
        event.log.getTransactionHash(),
        event.log.getBlockNumber());
    return true;
  }

  @Override
  public void mined(ChainTx sent, TransactionReceipt receipt) {
    long epoch = Long.parseLong(sent.reference());
    if (!receipt.isStatusOK()) {
      repository.reopen(
          epoch,
          "ready",
          "transaction "
              + sent.hash()
              + " reverted in block "
              + receipt.getBlockNumber()
              + "; checked and tried again",
          clock.instant());
      return;
    }
    SettlementRegistry.EpochCommittedEventResponse event =
        registry.committedIn(receipt).stream()
            .filter(e -> e.epoch.longValueExact() == epoch)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "transaction " + sent.hash() + " mined without an EpochCommitted log"));
    record(epoch, event);
  }

  @Override
  public void dropped(ChainTx sent) {
    // whether someone else's transaction committed it is checked on chain before anything is sent
    repository.reopen(
        Long.parseLong(sent.reference()),
        "ready",
        "its transaction " + sent.hash() + " was dropped",
        clock.instant());
  }

  /** Marks the epoch committed as the chain's event says, and announces it, in one transaction. */
  private void record(long epoch, SettlementRegistry.EpochCommittedEventResponse event) {
    Settlement ours = repository.lock(epoch).orElseThrow();
    if (ours.committed()) {
      return;
    }
    String receiptsRoot = Numeric.toHexString(event.receiptsRoot);
    String rewardsRoot = Numeric.toHexString(event.rewardsRoot);
    if (!receiptsRoot.equalsIgnoreCase(ours.receiptsRoot())
        || !rewardsRoot.equalsIgnoreCase(ours.rewardsRoot())) {
      log.error(
          "EPOCH {} WAS COMMITTED WITH OTHER ROOTS: chain {} / {}, platform {} / {}",
          epoch,
          receiptsRoot,
          rewardsRoot,
          ours.receiptsRoot(),
          ours.rewardsRoot());
    }
    Instant now = clock.instant();
    String previous = Numeric.toHexString(event.previous);
    String commitment = Numeric.toHexString(event.commitment);
    long block = event.log.getBlockNumber().longValueExact();
    repository.committed(
        epoch,
        previous,
        commitment,
        event.log.getTransactionHash(),
        block,
        event.log.getBlockHash(),
        now);
    FeeTotals fees =
        new FeeTotals(
            event.totals.creators,
            event.totals.edges,
            event.totals.validators,
            event.totals.treasury,
            event.totals.burned);
    outbox.append(
        TOPIC,
        Long.toString(epoch),
        SETTLED,
        new EpochSettled(
            node.chainId(),
            registry.address(),
            epoch,
            receiptsRoot,
            rewardsRoot,
            fees.view(),
            previous,
            commitment,
            event.log.getTransactionHash(),
            block,
            event.log.getBlockHash(),
            now));
    log.info(
        "epoch {} settled in block {} ({}), commitment {}",
        epoch,
        block,
        event.log.getTransactionHash(),
        commitment);
  }

  private void block(long epoch, String reason) {
    Settlement current = repository.find(epoch).orElseThrow();
    if ("blocked".equals(current.state()) && reason.equals(current.lastError())) {
      return; // as it was: neither the log nor the row changes every turn
    }
    log.error("epoch {} cannot be committed now: {}", epoch, reason);
    repository.reopen(epoch, "blocked", reason, clock.instant());
  }

  private static String describe(Revert revert) {
    if (revert.is(Revert.UNAUTHORIZED)) {
      return "the committer "
          + revert.arguments().getFirst()
          + " lacks COMMITTER_ROLE (grant it with the registry admin)";
    }
    return revert.toString();
  }
}
