package network.aioz.chain.withdrawal;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import network.aioz.chain.node.ChainNode;
import network.aioz.chain.tx.ChainTx;
import network.aioz.chain.tx.Fees;
import network.aioz.chain.tx.SingleWriter;
import network.aioz.chain.tx.TransactionOutcomes;
import network.aioz.chain.tx.Transactions;
import network.aioz.shared.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Pays billing's withdrawals to chain addresses from the adapter's account, each exactly once: a
 * request is recorded once per refund; a payout is signed only for a {@code requested} withdrawal
 * locked in the transaction that stores the signed bytes and marks it {@code sending}; a second
 * payout nonce for a refund is possible only after the first was dropped (the database refuses it
 * otherwise); and the answer to billing is written with the state change that decides it. A
 * withdrawal that cannot be paid before billing's hold expires (less a margin for mining) fails,
 * and billing returns the money.
 */
@Component
class Withdrawals implements TransactionOutcomes {

  static final String PURPOSE = "withdrawal";
  static final String TOPIC = "chain.withdrawal";
  static final String CONFIRMED = "network.aioz.chain.WithdrawalConfirmed";
  static final String FAILED = "network.aioz.chain.WithdrawalFailed";
  static final String EXPIRED = "expired before it could be paid";
  static final String LACKS_FUNDS = "the payout account lacks funds";
  private static final byte[] NO_DATA = new byte[0];
  private static final Logger log = LoggerFactory.getLogger(Withdrawals.class);

  /** Billing's contract: the payout's transaction (billing posts the hold). */
  record WithdrawalConfirmed(UUID refundId, String txHash) {}

  /** Billing's contract: why it was not paid (billing voids the hold: the money returns). */
  record WithdrawalFailed(UUID refundId, String reason) {}

  private final WithdrawalRepository repository;
  private final Transactions transactions;
  private final SingleWriter writer;
  private final ChainNode node;
  private final Outbox outbox;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Duration expiryMargin;
  private final int batch;

  Withdrawals(
      WithdrawalRepository repository,
      Transactions transactions,
      SingleWriter writer,
      ChainNode node,
      Outbox outbox,
      TransactionTemplate tx,
      Clock clock,
      @Value("${chain.withdrawals.expiry-margin:PT10M}") Duration expiryMargin,
      @Value("${chain.withdrawals.batch:50}") int batch) {
    this.repository = repository;
    this.transactions = transactions;
    this.writer = writer;
    this.node = node;
    this.outbox = outbox;
    this.tx = tx;
    this.clock = clock;
    this.expiryMargin = expiryMargin;
    this.batch = batch;
  }

  @Override
  public String purpose() {
    return PURPOSE;
  }

  /**
   * Records a request once per refund (inside the consumer's inbox transaction). A second report of
   * the same refund with other content changes nothing: the first is what billing holds.
   */
  void requested(WithdrawalRequest request) {
    if (repository.insert(request, clock.instant())) {
      log.info(
          "withdrawal {} of {} base units to {} requested, due by {}",
          request.refundId(),
          request.amount(),
          request.address(),
          request.expiresAt());
      return;
    }
    Withdrawal stored = repository.find(request.refundId()).orElseThrow();
    if (!stored.sameAs(request)) {
      log.error(
          "CONFLICTING WITHDRAWAL REQUEST: refund {} asks {} base units to {} by {} for tenant {},"
              + " but {} to {} by {} for tenant {} is stored; nothing changed",
          request.refundId(),
          request.amount(),
          request.address(),
          request.expiresAt(),
          request.tenantId(),
          stored.amount(),
          stored.address(),
          stored.expiresAt(),
          stored.tenantId());
    }
  }

  @Scheduled(fixedDelayString = "${chain.poll-interval:PT2S}")
  void turn() {
    writer.turn("withdrawals", this::payDue);
  }

  /** Takes every requested withdrawal, oldest first, one step; returns the payouts signed. */
  int payDue() {
    int sent = 0;
    for (Withdrawal due : repository.requested(batch)) {
      if (step(due)) {
        sent++;
      }
    }
    return sent;
  }

  private boolean step(Withdrawal due) {
    if (!clock.instant().plus(expiryMargin).isBefore(due.expiresAt())) {
      fail(due.refundId(), EXPIRED);
      return false;
    }
    String sender = transactions.sender();
    // funds first: a node cannot simulate sending value the account does not have (21,000 gas is
    // the least a transfer costs; the estimate below refines it)
    Fees fees = transactions.currentFees();
    BigInteger balance = node.balance(sender);
    BigInteger atLeast =
        due.amount()
            .add(fees.maxFee().multiply(BigInteger.valueOf(21_000)))
            .add(transactions.inFlightSpend());
    if (balance.compareTo(atLeast) < 0) {
      waitForFunds(due, balance, atLeast);
      return false;
    }
    long gas;
    switch (node.estimateGas(sender, due.address(), due.amount(), NO_DATA)) {
      case ChainNode.Estimate.Reverts reverts -> {
        fail(
            due.refundId(),
            "the address " + due.address() + " refuses payments: " + reverts.revert());
        return false;
      }
      case ChainNode.Estimate.Gas estimate -> gas = transactions.gasLimit(estimate.gas());
    }
    BigInteger needs =
        due.amount()
            .add(fees.maxFee().multiply(BigInteger.valueOf(gas)))
            .add(transactions.inFlightSpend());
    if (balance.compareTo(needs) < 0) {
      waitForFunds(due, balance, needs);
      return false;
    }
    long chainNonce = node.pendingNonce(sender);
    ChainTx signed =
        tx.execute(
            status -> {
              Withdrawal locked = repository.lock(due.refundId()).orElseThrow();
              if (!Withdrawal.REQUESTED.equals(locked.state())) {
                return null; // another turn took it meanwhile
              }
              if (repository.payoutOnRecord(due.refundId())) {
                log.error(
                    "withdrawal {} is requested but a payout of it is in flight or mined:"
                        + " not paid again",
                    due.refundId());
                return null;
              }
              ChainTx payout =
                  transactions.submit(
                      PURPOSE,
                      due.refundId().toString(),
                      due.address(),
                      due.amount(),
                      NO_DATA,
                      gas,
                      fees,
                      chainNonce);
              repository.sending(due.refundId(), payout.id(), payout.hash(), clock.instant());
              return payout;
            });
    if (signed == null) {
      return false;
    }
    log.info(
        "paying withdrawal {}: {} base units to {} ({})",
        due.refundId(),
        due.amount(),
        due.address(),
        signed.hash());
    transactions.broadcast(signed);
    return true;
  }

  private void waitForFunds(Withdrawal due, BigInteger has, BigInteger needs) {
    String reason = LACKS_FUNDS + ": has " + has + ", needs " + needs;
    if (due.lastError() == null || !due.lastError().startsWith(LACKS_FUNDS)) {
      log.warn(
          "withdrawal {} waits: {} (this payout's amount and highest fee, and what the"
              + " transactions in flight may spend); fund {} before {}",
          due.refundId(),
          reason,
          transactions.sender(),
          due.expiresAt().minus(expiryMargin));
    }
    repository.waiting(due.refundId(), reason, clock.instant());
  }

  private void fail(UUID refundId, String reason) {
    tx.executeWithoutResult(
        status -> {
          Withdrawal locked = repository.lock(refundId).orElseThrow();
          if (!Withdrawal.REQUESTED.equals(locked.state())) {
            return;
          }
          repository.failed(refundId, null, null, null, reason, clock.instant());
          outbox.append(TOPIC, refundId.toString(), FAILED, new WithdrawalFailed(refundId, reason));
        });
    log.warn("withdrawal {} failed: {}", refundId, reason);
  }

  @Override
  public void mined(ChainTx sent, TransactionReceipt receipt) {
    UUID refundId = UUID.fromString(sent.reference());
    Withdrawal locked = repository.lock(refundId).orElse(null);
    if (locked == null || !Withdrawal.SENDING.equals(locked.state())) {
      log.error(
          "PAYOUT {} OF WITHDRAWAL {} MINED WHILE IT IS {}: nothing recorded",
          sent.hash(),
          refundId,
          locked == null ? "unknown" : locked.state());
      return;
    }
    long block = receipt.getBlockNumber().longValueExact();
    Instant now = clock.instant();
    if (receipt.isStatusOK()) {
      repository.paid(refundId, sent.id(), sent.hash(), block, now);
      outbox.append(
          TOPIC, refundId.toString(), CONFIRMED, new WithdrawalConfirmed(refundId, sent.hash()));
      log.info(
          "withdrawal {} paid: {} base units to {} in block {} ({})",
          refundId,
          locked.amount(),
          locked.address(),
          block,
          sent.hash());
      return;
    }
    String reason = "transaction " + sent.hash() + " reverted";
    repository.failed(refundId, sent.id(), sent.hash(), block, reason, now);
    outbox.append(TOPIC, refundId.toString(), FAILED, new WithdrawalFailed(refundId, reason));
    log.error("withdrawal {} failed: {} in block {}", refundId, reason, block);
  }

  @Override
  public void dropped(ChainTx sent) {
    // the nonce was used by a transaction that is none of ours: none of our attempts paid it
    UUID refundId = UUID.fromString(sent.reference());
    Withdrawal locked = repository.lock(refundId).orElse(null);
    if (locked == null || !Withdrawal.SENDING.equals(locked.state())) {
      return;
    }
    repository.reopen(
        refundId,
        "its transaction "
            + sent.hash()
            + " was dropped (its nonce was used elsewhere); paid again",
        clock.instant());
  }
}
