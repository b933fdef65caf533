package network.aioz.chain.fees;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import network.aioz.chain.node.ChainUnavailableException;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * What the users of one block paid: Σ over its transactions of {@code gasUsed × effectiveGasPrice},
 * in wei — the base fee and the tip of every transaction, reverted ones included (they pay too).
 * Blob fees are not counted (the AIOZ chain has no blobs).
 */
record BlockFees(long number, String hash, Instant time, int transactions, BigInteger fees) {

  /**
   * The fees of {@code header}'s block from its receipts.
   *
   * @throws ChainUnavailableException when the receipts are not all of that block (it changed
   *     between the two calls) or lack the effective gas price: asked again next turn
   */
  static BlockFees of(EthBlock.Block header, List<TransactionReceipt> receipts) {
    String hash = header.getHash().toLowerCase(Locale.ROOT);
    long number = header.getNumber().longValueExact();
    if (receipts.size() != header.getTransactions().size()) {
      throw new ChainUnavailableException(
          "block "
              + number
              + " has "
              + header.getTransactions().size()
              + " transactions but the node gave "
              + receipts.size()
              + " receipts");
    }
    BigInteger fees = BigInteger.ZERO;
    for (TransactionReceipt receipt : receipts) {
      if (receipt.getBlockHash() == null
          || !hash.equals(receipt.getBlockHash().toLowerCase(Locale.ROOT))) {
        throw new ChainUnavailableException(
            "receipt " + receipt.getTransactionHash() + " is not of block " + number + " " + hash);
      }
      if (receipt.getEffectiveGasPrice() == null || receipt.getGasUsedRaw() == null) {
        throw new ChainUnavailableException(
            "receipt "
                + receipt.getTransactionHash()
                + " has no gasUsed or effectiveGasPrice: the node cannot tell the fees paid");
      }
      fees =
          fees.add(
              receipt
                  .getGasUsed()
                  .multiply(Numeric.decodeQuantity(receipt.getEffectiveGasPrice())));
    }
    return new BlockFees(
        number,
        hash,
        Instant.ofEpochSecond(header.getTimestamp().longValueExact()),
        receipts.size(),
        fees);
  }
}
