package network.aioz.chain.tx;

import java.math.BigInteger;

/** EIP-1559 fees per gas, in wei. */
public record Fees(BigInteger maxFee, BigInteger maxPriorityFee) {

  /**
   * Fees for a new transaction: the suggested tip and twice the base fee plus the tip (room for the
   * base fee to rise for a few blocks), each under its cap.
   */
  static Fees initial(
      BigInteger baseFee, BigInteger suggestedTip, BigInteger maxFeeCap, BigInteger tipCap) {
    BigInteger tip = suggestedTip.min(tipCap);
    BigInteger maxFee = baseFee.shiftLeft(1).add(tip).min(maxFeeCap).max(tip);
    return new Fees(maxFee, tip);
  }

  /**
   * Fees for a replacement: both raised by at least {@code percent} (nodes refuse a replacement
   * that does not raise them) and at least to what a new transaction would offer now, under the
   * caps; empty when the caps leave no room to raise them.
   */
  java.util.Optional<Fees> bumped(int percent, Fees now, BigInteger maxFeeCap, BigInteger tipCap) {
    BigInteger tip = raise(maxPriorityFee, percent).max(now.maxPriorityFee()).min(tipCap);
    BigInteger fee = raise(maxFee, percent).max(now.maxFee()).min(maxFeeCap).max(tip);
    if (tip.compareTo(maxPriorityFee) <= 0 || fee.compareTo(maxFee) <= 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new Fees(fee, tip));
  }

  private static BigInteger raise(BigInteger value, int percent) {
    // rounded up, and at least one wei more
    BigInteger raised =
        value
            .multiply(BigInteger.valueOf(100L + percent))
            .add(BigInteger.valueOf(99))
            .divide(BigInteger.valueOf(100));
    return raised.max(value.add(BigInteger.ONE));
  }
}
