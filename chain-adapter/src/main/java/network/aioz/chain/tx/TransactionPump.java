package network.aioz.chain.tx;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Drives the pending transactions while this process is the writer. */
@Component
class TransactionPump {

  private final SingleWriter writer;
  private final Transactions transactions;

  TransactionPump(SingleWriter writer, Transactions transactions) {
    this.writer = writer;
    this.transactions = transactions;
  }

  @Scheduled(fixedDelayString = "${chain.poll-interval:PT2S}")
  void turn() {
    writer.turn("transactions", transactions::pump);
  }
}
