package network.aioz.chain.tx;

import network.aioz.chain.node.ChainUnavailableException;
import network.aioz.chain.node.WrongChainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Drives the pending transactions while this process is the writer. */
@Component
class TransactionPump {

  private static final Logger log = LoggerFactory.getLogger(TransactionPump.class);

  private final SingleWriter writer;
  private final Transactions transactions;

  TransactionPump(SingleWriter writer, Transactions transactions) {
    this.writer = writer;
    this.transactions = transactions;
  }

  @Scheduled(fixedDelayString = "${chain.poll-interval:PT2S}")
  void turn() {
    if (!writer.holds()) {
      return;
    }
    try {
      transactions.pump();
    } catch (ChainUnavailableException | WrongChainException e) {
      log.warn("transactions wait for the chain: {}", e.getMessage());
    }
  }
}
