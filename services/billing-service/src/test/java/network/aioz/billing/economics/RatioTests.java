package network.aioz.billing.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RatioTests {

  @Test
  void equalValuesAreEqualRecords() {
    assertThat(Ratio.of(2, 4)).isEqualTo(Ratio.of(1, 2)).hasToString("1/2");
    assertThat(Ratio.of(0, 7)).isEqualTo(Ratio.ZERO);
    assertThat(Ratio.of(1, 3).plus(Ratio.of(1, 6))).isEqualTo(Ratio.of(1, 2));
    assertThat(Ratio.of(2, 3).times(Ratio.of(3, 4))).isEqualTo(Ratio.of(1, 2));
    assertThat(Ratio.of(1, 3)).isLessThan(Ratio.of(34, 100));
  }

  @Test
  void theDisplayFormIsRoundedDownWithAllItsDigits() {
    assertThat(Ratio.of(6, 5).toDecimalString(18)).isEqualTo("1.200000000000000000");
    assertThat(Ratio.of(2, 3).toDecimalString(18)).isEqualTo("0.666666666666666666");
    assertThat(Ratio.of(1, 3).toDecimalString(2)).isEqualTo("0.33");
    assertThat(Ratio.of(7, 2).toDecimalString(0)).isEqualTo("3");
    assertThat(Ratio.ZERO.toDecimalString(3)).isEqualTo("0.000");
  }

  @Test
  void negativeValuesAndZeroDenominatorsAreRefused() {
    assertThatThrownBy(() -> Ratio.of(1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("denominator must be positive, got 0");
    assertThatThrownBy(() -> Ratio.of(-1, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never negative");
  }
}
