package network.aioz.chain.tx;

import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * What a feature does when its transaction ends. Called inside the database transaction that
 * records the end, so the feature's effect and the record commit together (or are both retried).
 */
public interface TransactionOutcomes {

  /** The {@code purpose} this handles. */
  String purpose();

  /** An attempt was mined: successfully, or reverted ({@code receipt.isStatusOK()} false). */
  void mined(ChainTx tx, TransactionReceipt receipt);

  /** The nonce was used by a transaction that is none of the attempts: none of them will mine. */
  void dropped(ChainTx tx);
}
