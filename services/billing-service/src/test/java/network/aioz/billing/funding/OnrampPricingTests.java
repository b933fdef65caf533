package network.aioz.billing.funding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnrampPricingTests {

  private final OnrampPricing pricing =
      new OnrampPricing(Map.of("USD", "0.25", "EUR", "0.30"), 150, "0.30");

  @Test
  void hundredDollarsAtAQuarterEachBuys392Point8TokensAfterFees() {
    // fee 1.5 % of 100.00 = 1.50; network 0.30; 98.20 / 0.25 = 392.8 AIOZ
    OnrampPricing.Price price = pricing.price("USD", 10_000);
    assertThat(price.providerFeeMinor()).isEqualTo(150);
    assertThat(price.networkFeeMinor()).isEqualTo(30);
    assertThat(price.rate()).isEqualTo("0.25");
    assertThat(price.tokens()).isEqualTo(new BigInteger("392800000000000000000"));
  }

  @Test
  void tokensAreFlooredToTheBaseUnitAndTheProviderFeeRoundedUpToTheCent() {
    // 98.20 / 0.30 = 327.333… AIOZ, floored at the 18th decimal
    assertThat(pricing.price("EUR", 10_000).tokens())
        .isEqualTo(new BigInteger("327333333333333333333"));
    // 1.5 % of 10.01 = 0.15015 → 0.16; 10.01 − 0.16 − 0.30 = 9.55; / 0.25 = 38.2
    OnrampPricing.Price small = pricing.price("USD", 1_001);
    assertThat(small.providerFeeMinor()).isEqualTo(16);
    assertThat(small.tokens()).isEqualTo(new BigInteger("38200000000000000000"));
  }

  @Test
  void refusesWhatTheFeesEatAndUnknownCurrencies() {
    assertThatThrownBy(() -> pricing.price("USD", 30)).hasMessageContaining("fees");
    assertThatThrownBy(() -> pricing.price("GBP", 10_000)).hasMessageContaining("GBP");
  }

  @Test
  void fiatAmountsAreWholeMinorUnits() {
    assertThat(OnrampPricing.minorUnits("100.00")).isEqualTo(10_000L);
    assertThat(OnrampPricing.minorUnits("100")).isEqualTo(10_000L);
    assertThat(OnrampPricing.minorUnits("0.5")).isEqualTo(50L);
    for (String bad : new String[] {"-1", "1.001", "1e3", "abc", "", " ", "1,00", "0x10"}) {
      assertThat(OnrampPricing.minorUnits(bad)).as(bad).isNull();
    }
    assertThat(OnrampPricing.format(10_005)).isEqualTo("100.05");
  }

  @Test
  void badConfigurationStopsTheService() {
    assertThatThrownBy(() -> new OnrampPricing(Map.of("USD", "0"), 150, "0.30"))
        .hasMessageContaining("rates.USD");
    assertThatThrownBy(() -> new OnrampPricing(Map.of("USD", "0.25"), 150, "-1"))
        .hasMessageContaining("network-fee");
  }
}
