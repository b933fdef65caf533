package network.aioz.chain.tx;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import network.aioz.chain.node.ChainNode;
import network.aioz.chain.node.ChainSettings;
import network.aioz.chain.node.ChainUnavailableException;
import network.aioz.chain.node.CommitterKey;
import network.aioz.chain.node.WrongChainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The committing account's transactions. {@link #submit} takes the next nonce and stores the signed
 * bytes in the caller's database transaction, before anything is broadcast: a process that dies
 * after that finds the same bytes and sends them again, and never signs other work for that nonce.
 * {@link #pump} then drives every pending nonce in order: it broadcasts, polls receipts, replaces
 * an attempt that is not mined in time with higher fees (the same nonce, so only one can mine), and
 * hands each end to the purpose's {@link TransactionOutcomes} in the transaction that records it.
 */
@Service
public class Transactions {

  private static final Logger log = LoggerFactory.getLogger(Transactions.class);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final ChainNode node;
  private final CommitterKey key;
  private final ChainSettings.Fees caps;
  // resolved at first use: the features' handlers themselves submit through this class
  private final org.springframework.beans.factory.ObjectProvider<TransactionOutcomes> handlers;
  private volatile Map<String, TransactionOutcomes> outcomes;
  private final Clock clock;

  /**
   * When each pending nonce was first seen used with no receipt for any of our attempts. A node
   * behind a load balancer, or one still indexing, can count a nonce before it serves the receipt:
   * a nonce is declared dropped (which re-pays a withdrawal) only after {@code replace-after} of
   * that.
   */
  private final Map<Long, Instant> usedWithoutReceipt = new ConcurrentHashMap<>();

  Transactions(
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      ChainNode node,
      CommitterKey key,
      ChainSettings settings,
      org.springframework.beans.factory.ObjectProvider<TransactionOutcomes> handlers,
      Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.node = node;
    this.key = key;
    this.caps = settings.fees();
    this.handlers = handlers;
    this.clock = clock;
  }

  private Map<String, TransactionOutcomes> outcomes() {
    if (outcomes == null) {
      outcomes =
          handlers.stream()
              .collect(
                  Collectors.toUnmodifiableMap(TransactionOutcomes::purpose, Function.identity()));
    }
    return outcomes;
  }

  /** The committing account's address. */
  public String sender() {
    return key.address();
  }

  /** Fees a new transaction would offer now (asks the node). */
  public Fees currentFees() {
    return Fees.initial(
        node.baseFee(),
        node.suggestedPriorityFee(),
        caps.maxFeePerGas(),
        caps.maxPriorityFeePerGas());
  }

  /** The gas limit to sign for a node estimate: the estimate plus the configured margin. */
  public long gasLimit(long estimate) {
    return estimate + estimate * caps.gasMarginPercent() / 100;
  }

  /**
   * Signs and stores a call with the account's next nonce. Must run inside the caller's database
   * transaction; nothing is broadcast until {@link #broadcast} or the next {@link #pump}.
   *
   * @param chainNonce the node's pending nonce of the account, read before the transaction; used
   *     only the first time (afterwards the stored counter is the truth)
   */
  public ChainTx submit(
      String purpose,
      String reference,
      String to,
      byte[] data,
      long gasLimit,
      Fees fees,
      long chainNonce) {
    return submit(purpose, reference, to, BigInteger.ZERO, data, gasLimit, fees, chainNonce);
  }

  /**
   * Signs and stores a call that also pays {@code value} wei to {@code to} (a native transfer when
   * {@code data} is empty); every replacement of the attempt carries the same value. Same contract
   * as {@link #submit(String, String, String, byte[], long, Fees, long)}.
   */
  public ChainTx submit(
      String purpose,
      String reference,
      String to,
      BigInteger value,
      byte[] data,
      long gasLimit,
      Fees fees,
      long chainNonce) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("a transaction's value cannot be negative");
    }
    if (!outcomes().containsKey(purpose)) {
      throw new IllegalArgumentException("no outcome handler for purpose " + purpose);
    }
    String sender = key.address();
    jdbc.update(
        "insert into chain_nonce (sender, next_nonce) values (?, ?) on conflict do nothing",
        sender,
        chainNonce);
    long nonce =
        jdbc.queryForObject(
            "update chain_nonce set next_nonce = next_nonce + 1 where sender = ?"
                + " returning next_nonce - 1",
            Long.class,
            sender);
    return store(purpose, reference, sender, nonce, 0, to, value, data, gasLimit, fees);
  }

  private ChainTx store(
      String purpose,
      String reference,
      String sender,
      long nonce,
      int attempt,
      String to,
      BigInteger value,
      byte[] data,
      long gasLimit,
      Fees fees) {
    RawTransaction raw =
        RawTransaction.createTransaction(
            node.chainId(),
            BigInteger.valueOf(nonce),
            BigInteger.valueOf(gasLimit),
            to,
            value,
            Numeric.toHexString(data),
            fees.maxPriorityFee(),
            fees.maxFee());
    byte[] signed = key.sign(raw, node.chainId());
    String hash = Numeric.toHexString(Hash.sha3(signed));
    Instant now = clock.instant();
    long id =
        jdbc.queryForObject(
            "insert into chain_tx (sender, nonce, attempt, purpose, reference, to_address, data,"
                + " gas_limit, max_fee, max_priority_fee, raw, hash, created_at, value)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id",
            Long.class,
            sender,
            nonce,
            attempt,
            purpose,
            reference,
            to,
            data,
            gasLimit,
            new BigDecimal(fees.maxFee()),
            new BigDecimal(fees.maxPriorityFee()),
            signed,
            hash,
            Timestamp.from(now),
            new BigDecimal(value));
    log.info(
        "signed {} {} as nonce {} attempt {}: {} (max fee {} wei/gas, tip {}, gas {})",
        purpose,
        reference,
        nonce,
        attempt,
        hash,
        fees.maxFee(),
        fees.maxPriorityFee(),
        gasLimit);
    return find(id).orElseThrow();
  }

  public Optional<ChainTx> find(long id) {
    return jdbc.query("select * from chain_tx where id = ?", Transactions::row, id).stream()
        .findFirst();
  }

  /** Sends the attempt's stored bytes to the node; the outcome is recorded on the attempt. */
  public void broadcast(ChainTx tx) {
    ChainNode.Broadcast answer = node.broadcast(tx.raw());
    Instant now = clock.instant();
    switch (answer) {
      case ChainNode.Broadcast.Accepted accepted ->
          jdbc.update(
              "update chain_tx set broadcast_at = ?, broadcasts = broadcasts + 1, last_error = null"
                  + " where id = ?",
              Timestamp.from(now),
              tx.id());
      case ChainNode.Broadcast.Refused refused -> {
        jdbc.update(
            "update chain_tx set broadcast_at = ?, broadcasts = broadcasts + 1, last_error = ?"
                + " where id = ?",
            Timestamp.from(now),
            refused.reason(),
            tx.id());
        log.warn(
            "the node refused {} {} (nonce {}, {}): {}; sent again at the next turn",
            tx.purpose(),
            tx.reference(),
            tx.nonce(),
            tx.hash(),
            refused.reason());
      }
    }
  }

  /** Pending nonces of the account, lowest first, with their attempts. */
  List<List<ChainTx>> pendingNonces() {
    List<ChainTx> pending =
        jdbc.query(
            "select * from chain_tx where sender = ? and nonce in (select nonce from chain_tx"
                + " where sender = ? and state = 'pending') order by nonce, attempt",
            Transactions::row,
            key.address(),
            key.address());
    return List.copyOf(
        pending.stream()
            .collect(
                Collectors.groupingBy(ChainTx::nonce, java.util.TreeMap::new, Collectors.toList()))
            .values());
  }

  /**
   * One turn over the pending nonces: records mined attempts, declares nonces used by others
   * dropped, and broadcasts or replaces the rest.
   */
  public void pump() {
    List<List<ChainTx>> nonces = pendingNonces();
    if (nonces.isEmpty()) {
      return;
    }
    long mined = node.minedNonce(key.address());
    for (List<ChainTx> attempts : nonces) {
      try {
        pumpNonce(attempts, mined);
      } catch (ChainUnavailableException | WrongChainException e) {
        throw e; // the node: the whole turn waits for it
      } catch (RuntimeException e) {
        // a handler's failure must not hold up the nonces after this one; this one is tried again
        ChainTx latest = attempts.getLast();
        log.error(
            "nonce {} ({} {}) could not be handled: {}",
            latest.nonce(),
            latest.purpose(),
            latest.reference(),
            e.toString());
      }
    }
  }

  private void pumpNonce(List<ChainTx> attempts, long mined) {
    Optional<Mined> receipt = minedAttempt(attempts);
    ChainTx latest = attempts.getLast();
    if (receipt.isPresent()) {
      usedWithoutReceipt.remove(latest.nonce());
      record(receipt.get(), attempts);
      return;
    }
    if (latest.nonce() < mined) {
      Instant since = usedWithoutReceipt.computeIfAbsent(latest.nonce(), n -> clock.instant());
      if (!since.plus(caps.replaceAfter()).isAfter(clock.instant())) {
        usedWithoutReceipt.remove(latest.nonce());
        drop(latest);
      }
      return;
    }
    advance(latest);
  }

  private record Mined(ChainTx tx, TransactionReceipt receipt) {}

  private Optional<Mined> minedAttempt(List<ChainTx> attempts) {
    for (ChainTx attempt : attempts) {
      Optional<TransactionReceipt> receipt = node.receipt(attempt.hash());
      if (receipt.isPresent() && receipt.get().getBlockNumberRaw() != null) {
        return Optional.of(new Mined(attempt, receipt.get()));
      }
    }
    return Optional.empty();
  }

  private void record(Mined mined, List<ChainTx> attempts) {
    TransactionReceipt receipt = mined.receipt();
    transactions.executeWithoutResult(
        status -> {
          int changed =
              jdbc.update(
                  "update chain_tx set state = ?, block_number = ?, block_hash = ?, gas_used = ?,"
                      + " effective_gas_price = ? where id = ? and state = 'pending'",
                  receipt.isStatusOK() ? "mined" : "reverted",
                  receipt.getBlockNumber().longValueExact(),
                  receipt.getBlockHash(),
                  receipt.getGasUsed().longValueExact(),
                  receipt.getEffectiveGasPrice() == null
                      ? null
                      : new BigDecimal(Numeric.decodeQuantity(receipt.getEffectiveGasPrice())),
                  mined.tx().id());
          if (changed == 0) {
            return;
          }
          jdbc.update(
              "update chain_tx set state = 'superseded' where sender = ? and nonce = ?"
                  + " and id <> ? and state = 'pending'",
              mined.tx().sender(),
              mined.tx().nonce(),
              mined.tx().id());
          outcomes().get(mined.tx().purpose()).mined(mined.tx(), receipt);
        });
    log.info(
        "{} {} mined in block {} ({}), gas {}{}",
        mined.tx().purpose(),
        mined.tx().reference(),
        receipt.getBlockNumber(),
        mined.tx().hash(),
        receipt.getGasUsed(),
        receipt.isStatusOK() ? "" : ": REVERTED");
  }

  private void drop(ChainTx latest) {
    long chainNonce = node.pendingNonce(key.address());
    // one transaction: the next nonce signed is never one the chain has used
    transactions.executeWithoutResult(
        status -> {
          int changed =
              jdbc.update(
                  "update chain_tx set state = 'dropped' where sender = ? and nonce = ?"
                      + " and state = 'pending'",
                  latest.sender(),
                  latest.nonce());
          if (changed > 0) {
            outcomes().get(latest.purpose()).dropped(latest);
          }
          jdbc.update(
              "update chain_nonce set next_nonce = greatest(next_nonce, ?) where sender = ?",
              chainNonce,
              key.address());
        });
    log.error(
        "nonce {} of {} was used by a transaction that is not ours ({} {} dropped):"
            + " is the committer key used elsewhere?",
        latest.nonce(),
        key.address(),
        latest.purpose(),
        latest.reference());
  }

  private void advance(ChainTx latest) {
    Instant now = clock.instant();
    if (latest.broadcastAt() == null) {
      broadcast(latest);
      return;
    }
    boolean stuck = latest.createdAt().plus(caps.replaceAfter()).isBefore(now);
    if (stuck && feesMayHelp(latest.lastError())) {
      Optional<Fees> higher =
          new Fees(latest.maxFee(), latest.maxPriorityFee())
              .bumped(
                  caps.bumpPercent(),
                  currentFees(),
                  caps.maxFeePerGas(),
                  caps.maxPriorityFeePerGas());
      if (higher.isPresent()) {
        ChainTx replacement =
            transactions.execute(
                status ->
                    store(
                        latest.purpose(),
                        latest.reference(),
                        latest.sender(),
                        latest.nonce(),
                        latest.attempt() + 1,
                        latest.to(),
                        latest.value(),
                        latest.data(),
                        latest.gasLimit(),
                        higher.get()));
        log.warn(
            "{} {} not mined after {}: replaced by {} with max fee {} wei/gas",
            latest.purpose(),
            latest.reference(),
            caps.replaceAfter(),
            replacement.hash(),
            higher.get().maxFee());
        broadcast(replacement);
        return;
      }
      if (latest.broadcastAt().plus(caps.replaceAfter().dividedBy(4)).isBefore(now)) {
        log.warn(
            "{} {} not mined after {} and its fees are at the caps (max fee {}, tip {} wei/gas):"
                + " waiting",
            latest.purpose(),
            latest.reference(),
            caps.replaceAfter(),
            caps.maxFeePerGas(),
            caps.maxPriorityFeePerGas());
      }
    }
    // the node may have lost it (restart, pool eviction) or refused it (unfunded): send it again
    if (latest.broadcastAt().plus(caps.replaceAfter().dividedBy(4)).isBefore(now)) {
      broadcast(latest);
    }
  }

  /**
   * Whether higher fees may get a refused transaction in: the node's refusals for fees under the
   * base fee or under the attempt they replace, yes; a sender without the funds, no (a replacement
   * would cost more still).
   */
  private static boolean feesMayHelp(String refusal) {
    return refusal == null || !refusal.toLowerCase(Locale.ROOT).contains("insufficient funds");
  }

  /**
   * The most the account's transactions in flight can still take from its balance: the value and
   * the highest fee (max fee × gas limit) of each pending nonce's latest attempt. A payout signed
   * on top of them must leave this much, or a later nonce would wait behind an unfunded one.
   */
  public BigInteger inFlightSpend() {
    BigDecimal spend =
        jdbc.queryForObject(
            "select coalesce(sum(value + max_fee * gas_limit), 0) from (select distinct on (nonce)"
                + " value, max_fee, gas_limit from chain_tx where sender = ? and state = 'pending'"
                + " order by nonce, attempt desc) latest",
            BigDecimal.class,
            key.address());
    return spend == null ? BigInteger.ZERO : spend.toBigIntegerExact();
  }

  /** Pending attempts, for the status API. */
  public List<ChainTx> pending() {
    return jdbc.query(
        "select * from chain_tx where state = 'pending' order by nonce, attempt",
        Transactions::row);
  }

  static ChainTx row(ResultSet rs, int i) throws SQLException {
    Timestamp broadcast = rs.getTimestamp("broadcast_at");
    return new ChainTx(
        rs.getLong("id"),
        rs.getString("sender"),
        rs.getLong("nonce"),
        rs.getInt("attempt"),
        rs.getString("purpose"),
        rs.getString("reference"),
        rs.getString("to_address"),
        rs.getBytes("data"),
        rs.getLong("gas_limit"),
        rs.getBigDecimal("max_fee").toBigIntegerExact(),
        rs.getBigDecimal("max_priority_fee").toBigIntegerExact(),
        rs.getBytes("raw"),
        rs.getString("hash"),
        rs.getString("state"),
        rs.getTimestamp("created_at").toInstant(),
        broadcast == null ? null : broadcast.toInstant(),
        rs.getInt("broadcasts"),
        rs.getString("last_error"),
        rs.getBigDecimal("value").toBigIntegerExact());
  }
}
