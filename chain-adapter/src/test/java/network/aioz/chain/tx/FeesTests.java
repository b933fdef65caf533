package network.aioz.chain.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** EIP-1559 offers: room for the base fee to rise, caps always kept, replacements raise both. */
class FeesTests {

  private static final BigInteger GWEI = BigInteger.TEN.pow(9);
  private static final BigInteger CAP = GWEI.multiply(BigInteger.valueOf(100));
  private static final BigInteger TIP_CAP = GWEI.multiply(BigInteger.valueOf(5));

  private static BigInteger gwei(long n) {
    return GWEI.multiply(BigInteger.valueOf(n));
  }

  @Test
  void aNewOfferIsTwiceTheBaseFeePlusTheTipUnderTheCaps() {
    assertThat(Fees.initial(gwei(10), gwei(2), CAP, TIP_CAP))
        .isEqualTo(new Fees(gwei(22), gwei(2)));
    // the node suggests more than the cap: the cap wins
    assertThat(Fees.initial(gwei(10), gwei(9), CAP, TIP_CAP))
        .isEqualTo(new Fees(gwei(25), gwei(5)));
    // a base fee beyond the cap: offer the cap, and wait
    assertThat(Fees.initial(gwei(80), gwei(2), CAP, TIP_CAP)).isEqualTo(new Fees(CAP, gwei(2)));
  }

  @Test
  void aReplacementRaisesBothFeesByAtLeastThePercentOrToWhatANewOfferWouldBe() {
    Fees first = new Fees(gwei(22), gwei(2));
    Fees raised = first.bumped(20, new Fees(gwei(10), gwei(1)), CAP, TIP_CAP).orElseThrow();
    assertThat(raised.maxFee())
        .isEqualTo(gwei(22).multiply(BigInteger.valueOf(120)).divide(BigInteger.valueOf(100)));
    assertThat(raised.maxPriorityFee())
        .isEqualTo(gwei(2).multiply(BigInteger.valueOf(12)).divide(BigInteger.TEN));
    // the base fee rose meanwhile: the new offer is higher than 20 % more
    Fees now = new Fees(gwei(60), gwei(3));
    assertThat(first.bumped(20, now, CAP, TIP_CAP).orElseThrow())
        .isEqualTo(new Fees(gwei(60), gwei(3)));
  }

  @Test
  void atTheCapsThereIsNothingToReplaceWith() {
    assertThat(new Fees(CAP, TIP_CAP).bumped(20, new Fees(CAP, TIP_CAP), CAP, TIP_CAP)).isEmpty();
    // the tip is at its cap: nodes refuse a replacement that does not raise both
    assertThat(new Fees(gwei(20), TIP_CAP).bumped(20, new Fees(gwei(20), TIP_CAP), CAP, TIP_CAP))
        .isEmpty();
  }

  @Test
  void aTinyFeeStillRisesByAtLeastOneWei() {
    Fees tiny = new Fees(BigInteger.TWO, BigInteger.ONE);
    Fees raised =
        tiny.bumped(10, new Fees(BigInteger.ONE, BigInteger.ONE), CAP, TIP_CAP).orElseThrow();
    assertThat(raised.maxFee()).isGreaterThan(BigInteger.TWO);
    assertThat(raised.maxPriorityFee()).isGreaterThan(BigInteger.ONE);
  }
}
