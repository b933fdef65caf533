package network.aioz.billing.economics;

import static network.aioz.billing.economics.InflationSchedule.utcMidnight;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import network.aioz.shared.amount.TokenAmount;
import org.junit.jupiter.api.Test;

class InflationScheduleTests {

  /** One billion tokens = 10^27 base units. */
  private static final TokenAmount BILLION = TokenAmount.ofWhole(1_000_000_000);

  @Test
  void theRateStepsDownEachTwentyFifthOfDecemberAtMidnightUtc() {
    assertThat(Inflation.rateAt(Instant.parse("2020-01-01T00:00:00Z"))).isEqualTo(900);
    assertThat(Inflation.rateAt(Instant.parse("2023-12-24T23:59:59.999999999Z"))).isEqualTo(900);
    assertThat(Inflation.rateAt(Instant.parse("2023-12-25T00:00:00Z"))).isEqualTo(800);
    assertThat(Inflation.rateAt(Instant.parse("2024-12-25T00:00:00Z"))).isEqualTo(700);
    assertThat(Inflation.rateAt(Instant.parse("2025-12-24T12:00:00Z"))).isEqualTo(700);
    assertThat(Inflation.rateAt(Instant.parse("2025-12-25T00:00:00Z"))).isEqualTo(600);
    assertThat(Inflation.rateAt(Instant.parse("2026-12-25T00:00:00Z"))).isEqualTo(500);
    assertThat(Inflation.rateAt(Instant.parse("2100-01-01T00:00:00Z"))).isEqualTo(500);
  }

  @Test
  void aMonthIn2023MintsNinePercentPro_rata() {
    // March 2023, 31 days at 9 %: 10^27 × 900 × 31 × 86400 / (10000 × 365 × 86400)
    //   = 10^27 × 27900 / 3,650,000 = 5.58 × 10^26 / 73 = 7,643,835,616,438,356,164,383,561.64…
    Minting minting = Inflation.mint(BILLION, utcMidnight("2023-03-01"), utcMidnight("2023-04-01"));

    assertThat(minting.minted().baseUnits()).isEqualTo(new BigInteger("7643835616438356164383561"));
    assertThat(minting.rates())
        .containsExactly(
            new AppliedRate(utcMidnight("2023-03-01"), utcMidnight("2023-04-01"), 900));
    // the minted amount is odd: validators get floor(M/2), the treasury the odd unit
    assertThat(minting.toValidators().baseUnits())
        .isEqualTo(new BigInteger("3821917808219178082191780"));
    assertThat(minting.toTreasury().baseUnits())
        .isEqualTo(new BigInteger("3821917808219178082191781"));
  }

  @Test
  void aPeriodAcrossTheFirstStepIsCutThere() {
    // 2023-12-20 … 2023-12-30: 5 days at 9 % and 5 days at 8 %.
    // 10^27 × (900×5 + 800×5) / (10000 × 365) = 10^27 × 8500 / 3,650,000 = 1.7 × 10^26 / 73
    //   = 2,328,767,123,287,671,232,876,712.33…
    Minting minting = Inflation.mint(BILLION, utcMidnight("2023-12-20"), utcMidnight("2023-12-30"));

    assertThat(minting.minted().baseUnits()).isEqualTo(new BigInteger("2328767123287671232876712"));
    assertThat(minting.rates())
        .containsExactly(
            new AppliedRate(utcMidnight("2023-12-20"), utcMidnight("2023-12-25"), 900),
            new AppliedRate(utcMidnight("2023-12-25"), utcMidnight("2023-12-30"), 800));
  }

  @Test
  void aPeriodAcrossTheLastStepIsFlooredOnceNotTwice() {
    // December 2026: 24 days at 6 % and 7 days at 5 %.
    // 10^27 × (600×24 + 500×7) / 3,650,000 = 10^27 × 17900 / 3,650,000 = 3.58 × 10^26 / 73
    //   = 4,904,109,589,041,095,890,410,958.90…
    // Flooring each piece first would give …957: the pieces end in .945… and .958…, both dropped.
    Minting minting = Inflation.mint(BILLION, utcMidnight("2026-12-01"), utcMidnight("2027-01-01"));

    assertThat(minting.minted().baseUnits()).isEqualTo(new BigInteger("4904109589041095890410958"));
    assertThat(minting.rates()).extracting(AppliedRate::rateBps).containsExactly(600, 500);
    BigInteger piecewise =
        Inflation.mint(BILLION, utcMidnight("2026-12-01"), utcMidnight("2026-12-25"))
            .minted()
            .baseUnits()
            .add(
                Inflation.mint(BILLION, utcMidnight("2026-12-25"), utcMidnight("2027-01-01"))
                    .minted()
                    .baseUnits());
    assertThat(piecewise).isEqualTo(new BigInteger("4904109589041095890410957"));
  }

  @Test
  void aFullYearIn2027MintsExactlyFivePercent() {
    // 2027 has 365 days: 10^27 × 5 % = 5 × 10^25, split evenly.
    Minting minting = Inflation.mint(BILLION, utcMidnight("2027-01-01"), utcMidnight("2028-01-01"));

    assertThat(minting.minted()).isEqualTo(TokenAmount.ofWhole(50_000_000));
    assertThat(minting.toValidators()).isEqualTo(TokenAmount.ofWhole(25_000_000));
    assertThat(minting.toTreasury()).isEqualTo(TokenAmount.ofWhole(25_000_000));
  }

  @Test
  void theOddBaseUnitGoesToTheTreasury() {
    // 60 units × 5 % for a 365-day year = 3: validators floor(3/2) = 1, treasury 2.
    Minting three =
        Inflation.mint(
            TokenAmount.ofBaseUnits(60), utcMidnight("2027-01-01"), utcMidnight("2028-01-01"));
    assertThat(three.minted()).isEqualTo(TokenAmount.ofBaseUnits(3));
    assertThat(three.toValidators()).isEqualTo(TokenAmount.ofBaseUnits(1));
    assertThat(three.toTreasury()).isEqualTo(TokenAmount.ofBaseUnits(2));
    // 59 units: floor(2.95) = 2, one each.
    Minting two =
        Inflation.mint(
            TokenAmount.ofBaseUnits(59), utcMidnight("2027-01-01"), utcMidnight("2028-01-01"));
    assertThat(two.toValidators()).isEqualTo(TokenAmount.ofBaseUnits(1));
    assertThat(two.toTreasury()).isEqualTo(TokenAmount.ofBaseUnits(1));
  }

  @Test
  void theSupplyReportNetsMintingAgainstBurnsAndMayShrink() {
    // One day of 2027 on 10^27: 10^27 × 500 / 3,650,000 = 136,986,301,369,863,013,698,630.13…
    // Burn: 50 % of 10^24 chain fees = 5 × 10^23 > minted, so the supply shrinks.
    SupplyReport report =
        SupplyPolicy.WHITEPAPER.report(
            BILLION,
            utcMidnight("2027-03-01"),
            utcMidnight("2027-03-02"),
            new BurnInputs(
                TokenAmount.ofWhole(1_000_000),
                TokenAmount.ZERO,
                TokenAmount.ZERO,
                TokenAmount.ZERO));

    BigInteger minted = new BigInteger("136986301369863013698630");
    BigInteger burned = new BigInteger("500000000000000000000000");
    assertThat(report.minted().baseUnits()).isEqualTo(minted);
    assertThat(report.toValidators().baseUnits())
        .isEqualTo(new BigInteger("68493150684931506849315"));
    assertThat(report.toTreasury().baseUnits())
        .isEqualTo(new BigInteger("68493150684931506849315"));
    assertThat(report.burned().total().baseUnits()).isEqualTo(burned);
    assertThat(report.netChange()).isEqualTo(minted.subtract(burned)).isNegative();
    assertThat(report.supplyAtEnd().baseUnits())
        .isEqualTo(new BigInteger("999636986301369863013698630"));
    assertThat(report.rates()).extracting(AppliedRate::rateBps).containsExactly(500);
  }

  @Test
  void aBurnLargerThanTheSupplyIsRefused() {
    assertThatThrownBy(
            () ->
                SupplyPolicy.WHITEPAPER.report(
                    TokenAmount.ofBaseUnits(10),
                    utcMidnight("2027-03-01"),
                    utcMidnight("2027-03-02"),
                    new BurnInputs(
                        TokenAmount.ofBaseUnits(100),
                        TokenAmount.ZERO,
                        TokenAmount.ZERO,
                        TokenAmount.ZERO)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exceeds the supply");
  }

  @Test
  void aPeriodMustEndAfterItStarts() {
    Instant t = utcMidnight("2027-03-01");
    assertThatThrownBy(() -> Inflation.mint(BILLION, t, t))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a period must end after it starts: from 2027-03-01T00:00:00Z to 2027-03-01T00:00:00Z");
    assertThatThrownBy(() -> Inflation.mint(BILLION, t, t.minusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must end after it starts");
  }

  @Test
  void stepsMustBeInIncreasingOrder() {
    assertThatThrownBy(
            () ->
                new InflationSchedule(
                    900,
                    List.of(
                        new RateStep(utcMidnight("2025-01-01"), 800),
                        new RateStep(utcMidnight("2024-01-01"), 700))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("strictly increasing time order");
    assertThatThrownBy(() -> new RateStep(utcMidnight("2025-01-01"), -5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("annual inflation rate");
  }
}
