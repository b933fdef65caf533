package network.aioz.chain.fees;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import network.aioz.chain.cursor.BlockCursors;
import network.aioz.chain.node.ChainNode;
import network.aioz.chain.node.ChainSettings;
import network.aioz.chain.node.ChainUnavailableException;
import network.aioz.chain.tx.SingleWriter;
import network.aioz.shared.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Reports the fees paid on chain in every block to billing ({@code BlockFeesReported} on {@code
 * chain.fees}, billing's {@code F_chain}), from the configured start block, each block once it has
 * the configured confirmations. A block's fees are everything its users paid: Σ over its
 * transactions of {@code gasUsed × effectiveGasPrice} (base fee plus tip, reverted transactions
 * included), in wei; a block without transactions is reported with fees {@code 0}, so billing sees
 * every block.
 *
 * <p>Each block is reported exactly once: its row in {@code chain_block_fee} is inserted, the event
 * is written to the outbox only when that row is new, and the cursor moves on — all in one database
 * transaction per {@value #BLOCKS_PER_TRANSACTION} blocks. Reading blocks again (a cursor moved
 * back, a restart, two turns racing) publishes nothing twice. Only the writer process reports; a
 * turn reads at most {@value #BLOCKS_PER_TRANSACTION} blocks (two node calls each), because every
 * scheduled turn of the adapter shares one scheduler thread and the transaction pump must not wait
 * behind a long catch-up; an unreachable node is retried at the next turn.
 */
@Component
public class BlockFeeReporter {

  static final String TOPIC = "chain.fees";
  static final String REPORTED = "network.aioz.chain.BlockFeesReported";
  static final String CURSOR = "fees";
  static final int BLOCKS_PER_TRANSACTION = 100;
  private static final Logger log = LoggerFactory.getLogger(BlockFeeReporter.class);

  /**
   * Billing's contract (services/billing-service, {@code supply/ChainFeesListener}): {@code
   * blockTime} an ISO-8601 instant, {@code fees} a decimal string of wei; {@code blockHash} and
   * {@code transactions} say which block was read, for whoever checks the report against a node.
   */
  record BlockFeesReported(
      long chainId,
      long blockNumber,
      String blockHash,
      String blockTime,
      int transactions,
      String fees) {}

  /** What a turn did: blocks read (the cursor moved past them) and blocks newly reported. */
  record Progress(int read, int reported) {}

  private final ChainNode node;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Outbox outbox;
  private final SingleWriter writer;
  private final BlockCursors cursors;
  private final java.time.Clock clock;
  private final int confirmations;
  private final boolean enabled;

  BlockFeeReporter(
      ChainNode node,
      JdbcTemplate jdbc,
      TransactionTemplate tx,
      Outbox outbox,
      SingleWriter writer,
      BlockCursors cursors,
      java.time.Clock clock,
      ChainSettings settings,
      @Value("${chain.block-fees.enabled:true}") boolean enabled) {
    this.node = node;
    this.jdbc = jdbc;
    this.tx = tx;
    this.outbox = outbox;
    this.writer = writer;
    this.cursors = cursors;
    this.clock = clock;
    this.confirmations = Math.max(1, settings.confirmations());
    this.enabled = enabled;
    if (!enabled) {
      log.warn("chain.block-fees.enabled is false: block fees are not reported to billing");
    }
  }

  @Scheduled(fixedDelayString = "${chain.poll-interval:PT2S}")
  void turn() {
    if (!enabled) {
      return;
    }
    writer.turn("block fees", this::reportNext);
  }

  /** Reports every confirmed block after the cursor; returns the blocks newly reported. */
  public int catchUp() {
    int reported = 0;
    Progress progress;
    do {
      progress = reportNext();
      reported += progress.reported();
    } while (progress.read() > 0);
    return reported;
  }

  /** One turn: at most {@value #BLOCKS_PER_TRANSACTION} confirmed blocks after the cursor. */
  Progress reportNext() {
    long confirmed = node.blockNumber() - confirmations + 1;
    long next = cursor();
    long last = Math.min(confirmed, next + BLOCKS_PER_TRANSACTION - 1);
    int read = 0;
    int reported = 0;
    while (next <= last) {
      long from = next;
      long to = Math.min(last, from + BLOCKS_PER_TRANSACTION - 1);
      List<BlockFees> blocks = new ArrayList<>();
      for (long number = from; number <= to; number++) {
        blocks.add(fees(number));
      }
      Integer count = tx.execute(status -> record(blocks, from, to));
      if (count == null || count < 0) {
        break; // another turn moved the cursor meanwhile: start again from where it is
      }
      read += blocks.size();
      reported += count;
      next = to + 1;
    }
    return new Progress(read, reported);
  }

  long cursor() {
    return cursors.next(CURSOR);
  }

  private BlockFees fees(long number) {
    EthBlock.Block header =
        node.block(number)
            .orElseThrow(
                () -> new ChainUnavailableException("the node does not have block " + number));
    // an empty block needs no second call
    List<TransactionReceipt> receipts =
        header.getTransactions().isEmpty()
            ? List.of()
            : node.blockReceipts(number)
                .orElseThrow(
                    () ->
                        new ChainUnavailableException(
                            "the node has no receipts of block " + number));
    return BlockFees.of(header, receipts);
  }

  /** Returns the blocks newly reported, or -1 when the cursor is no longer at {@code from}. */
  private int record(List<BlockFees> blocks, long from, long to) {
    if (!cursors.claim(CURSOR, from)) {
      return -1;
    }
    Timestamp now = Timestamp.from(clock.instant());
    int reported = 0;
    for (BlockFees block : blocks) {
      int inserted =
          jdbc.update(
              "insert into chain_block_fee (chain_id, block_number, block_hash, block_time,"
                  + " transactions, fees, reported_at) values (?, ?, ?, ?, ?, ?, ?)"
                  + " on conflict do nothing",
              node.chainId(),
              block.number(),
              block.hash(),
              Timestamp.from(block.time()),
              block.transactions(),
              new BigDecimal(block.fees()),
              now);
      if (inserted == 0) {
        continue;
      }
      outbox.append(
          TOPIC,
          Long.toString(block.number()),
          REPORTED,
          new BlockFeesReported(
              node.chainId(),
              block.number(),
              block.hash(),
              block.time().toString(),
              block.transactions(),
              block.fees().toString()));
      reported++;
    }
    cursors.advance(CURSOR, to + 1);
    log.debug("block fees of blocks {}..{}: {} newly reported", from, to, reported);
    return reported;
  }
}
