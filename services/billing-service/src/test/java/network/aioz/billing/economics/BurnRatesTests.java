package network.aioz.billing.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import network.aioz.shared.amount.TokenAmount;
import org.junit.jupiter.api.Test;

class BurnRatesTests {

  @Test
  void eachTermIsFlooredOnItsOwnAndTheTotalIsTheirSum() {
    // chain fees 1,000 tokens × 50 %   = 500 tokens
    // DePIN revenue 10,000 tokens × 5 % = 500 tokens
    // infra revenue 2,000 tokens × 5 %  = 100 tokens
    // dApp revenue 999 units × 5 %      = floor(49.95) = 49 units
    // B_t = 1,100 tokens + 49 units
    Burn burn =
        BurnRates.WHITEPAPER.burn(
            new BurnInputs(
                TokenAmount.ofWhole(1_000),
                TokenAmount.ofWhole(10_000),
                TokenAmount.ofWhole(2_000),
                TokenAmount.ofBaseUnits(999)));

    assertThat(burn.chainFees().burned()).isEqualTo(TokenAmount.ofWhole(500));
    assertThat(burn.chainFees().bps()).isEqualTo(5000);
    assertThat(burn.depinRevenue().burned()).isEqualTo(TokenAmount.ofWhole(500));
    assertThat(burn.infraRevenue().burned()).isEqualTo(TokenAmount.ofWhole(100));
    assertThat(burn.dappRevenue().burned()).isEqualTo(TokenAmount.ofBaseUnits(49));
    assertThat(burn.total()).isEqualTo(TokenAmount.parse("1100.000000000000000049"));
  }

  @Test
  void smallAmountsAreFlooredPerTermNotOnTheSum() {
    // 19 units of each: floor(9.5) + 3 × floor(0.95) = 9, where floor(19 × 0.65) would be 12.
    TokenAmount nineteen = TokenAmount.ofBaseUnits(19);
    Burn burn = BurnRates.WHITEPAPER.burn(new BurnInputs(nineteen, nineteen, nineteen, nineteen));

    assertThat(burn.total()).isEqualTo(TokenAmount.ofBaseUnits(9));
  }

  @Test
  void nothingInNothingBurned() {
    assertThat(BurnRates.WHITEPAPER.burn(BurnInputs.NONE).total()).isEqualTo(TokenAmount.ZERO);
  }

  @Test
  void ratesOutsideZeroToTenThousandAreRefused() {
    assertThatThrownBy(() -> new BurnRates(-1, 500, 500, 500))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("chain fee burn rate must be between 0 and 10000 basis points, got -1");
    assertThatThrownBy(() -> new BurnRates(5000, 500, 10_001, 500))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("infrastructure revenue burn rate");
  }

  @Test
  void aTermThatIsNotTheFloorIsRefused() {
    assertThatThrownBy(
            () -> new BurnTerm(TokenAmount.ofBaseUnits(19), 5000, TokenAmount.ofBaseUnits(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not floor(19 * 5000 / 10000)");
  }
}
