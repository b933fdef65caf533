package network.aioz.chain.fees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import network.aioz.chain.node.ChainUnavailableException;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

class BlockFeesTests {

  private static final String HASH = "0x" + "ab".repeat(32);

  @Test
  void feesAreGasUsedTimesEffectiveGasPriceSummedOverTheBlock() {
    BlockFees fees =
        BlockFees.of(
            header(7, 1_700_000_000L, 3),
            List.of(
                receipt(HASH, 21_000, "0x3b9aca00"), // 1 gwei
                receipt(HASH.toUpperCase().replace("0X", "0x"), 50_000, "0x77359400"), // 2 gwei
                receipt(HASH, 1, "0xffffffffffffffffffffffffffffffff")));

    assertThat(fees.number()).isEqualTo(7);
    assertThat(fees.hash()).isEqualTo(HASH);
    assertThat(fees.time()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    assertThat(fees.transactions()).isEqualTo(3);
    assertThat(fees.fees())
        .isEqualTo(
            BigInteger.valueOf(21_000L * 1_000_000_000L + 50_000L * 2_000_000_000L)
                .add(BigInteger.TWO.pow(128).subtract(BigInteger.ONE)));
  }

  @Test
  void aBlockWithoutTransactionsPaidNothing() {
    BlockFees fees = BlockFees.of(header(8, 1_700_000_001L, 0), List.of());

    assertThat(fees.fees()).isZero();
    assertThat(fees.transactions()).isZero();
  }

  @Test
  void receiptsThatAreNotAllOfTheBlockAreAskedForAgain() {
    assertThatThrownBy(() -> BlockFees.of(header(9, 1L, 2), List.of(receipt(HASH, 21_000, "0x1"))))
        .isInstanceOf(ChainUnavailableException.class)
        .hasMessageContaining("2 transactions");
    assertThatThrownBy(
            () ->
                BlockFees.of(
                    header(9, 1L, 1), List.of(receipt("0x" + "cd".repeat(32), 21_000, "0x1"))))
        .isInstanceOf(ChainUnavailableException.class)
        .hasMessageContaining("not of block 9");
  }

  @Test
  void aReceiptWithoutItsEffectiveGasPriceIsNotCountedAsFree() {
    assertThatThrownBy(() -> BlockFees.of(header(10, 1L, 1), List.of(receipt(HASH, 21_000, null))))
        .isInstanceOf(ChainUnavailableException.class)
        .hasMessageContaining("effectiveGasPrice");
  }

  private static EthBlock.Block header(long number, long timestamp, int transactions) {
    EthBlock.Block block = new EthBlock.Block();
    block.setNumber(Numeric.encodeQuantity(BigInteger.valueOf(number)));
    block.setHash(HASH);
    block.setTimestamp(Numeric.encodeQuantity(BigInteger.valueOf(timestamp)));
    block.setTransactions(
        IntStream.range(0, transactions)
            .<EthBlock.TransactionResult>mapToObj(
                i -> new EthBlock.TransactionHash("0x" + Integer.toHexString(i + 1)))
            .toList());
    return block;
  }

  private static TransactionReceipt receipt(String blockHash, long gasUsed, String price) {
    TransactionReceipt receipt = new TransactionReceipt();
    receipt.setTransactionHash("0x01");
    receipt.setBlockHash(blockHash);
    receipt.setGasUsed(Numeric.encodeQuantity(BigInteger.valueOf(gasUsed)));
    receipt.setEffectiveGasPrice(price);
    return receipt;
  }
}
