package network.aioz.billing.economics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import network.aioz.shared.amount.TokenAmount;

class MintingProperties {

  // 2022-01-01 … 2029-01-01, so periods cross every step date
  private static final long FIRST = Instant.parse("2022-01-01T00:00:00Z").getEpochSecond();
  private static final long LAST = Instant.parse("2029-01-01T00:00:00Z").getEpochSecond();

  @Property
  void mintingGrowsWithTheSupply(
      @ForAll("supplies") TokenAmount s1,
      @ForAll("supplies") TokenAmount s2,
      @ForAll("instants") Instant from,
      @ForAll @LongRange(min = 1, max = 3L * 365 * 86_400) long seconds) {
    Instant to = from.plusSeconds(seconds);
    TokenAmount small = s1.compareTo(s2) <= 0 ? s1 : s2;
    TokenAmount large = s1.compareTo(s2) <= 0 ? s2 : s1;

    assertThat(Inflation.mint(small, from, to).minted())
        .isLessThanOrEqualTo(Inflation.mint(large, from, to).minted());
  }

  @Property
  void mintingGrowsWithThePeriod(
      @ForAll("supplies") TokenAmount supply,
      @ForAll("instants") Instant from,
      @ForAll("nanos") long shorterNanos,
      @ForAll("nanos") long extraNanos) {
    Instant shorter = from.plusNanos(1 + shorterNanos);
    Instant longer = shorter.plusNanos(extraNanos);

    assertThat(Inflation.mint(supply, from, shorter).minted())
        .isLessThanOrEqualTo(Inflation.mint(supply, from, longer).minted());
  }

  @Property
  void splittingAPeriodLosesAtMostOneBaseUnit(
      @ForAll("supplies") TokenAmount supply,
      @ForAll("instants") Instant from,
      @ForAll("nanos") long firstNanos,
      @ForAll("nanos") long secondNanos) {
    Instant cut = from.plusNanos(1 + firstNanos);
    Instant to = cut.plusNanos(1 + secondNanos);

    Minting whole = Inflation.mint(supply, from, to);
    BigInteger parts =
        Inflation.mint(supply, from, cut)
            .minted()
            .baseUnits()
            .add(Inflation.mint(supply, cut, to).minted().baseUnits());

    // floor(a) + floor(b) ∈ {floor(a + b) − 1, floor(a + b)}
    BigInteger lost = whole.minted().baseUnits().subtract(parts);
    assertThat(lost).isBetween(BigInteger.ZERO, BigInteger.ONE);
    assertThat(whole.toValidators().plus(whole.toTreasury())).isEqualTo(whole.minted());
    assertThat(whole.toTreasury().baseUnits().subtract(whole.toValidators().baseUnits()))
        .isBetween(BigInteger.ZERO, BigInteger.ONE);
  }

  @Provide
  Arbitrary<TokenAmount> supplies() {
    return Arbitraries.bigIntegers()
        .between(BigInteger.ZERO, SplitProperties.MAX)
        .map(TokenAmount::ofBaseUnits);
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs()
        .between(FIRST, LAST)
        .flatMap(
            s ->
                Arbitraries.integers()
                    .between(0, 999_999_999)
                    .map(n -> Instant.ofEpochSecond(s, n)));
  }

  /** Up to two years, in nanoseconds. */
  @Provide
  Arbitrary<Long> nanos() {
    return Arbitraries.longs().between(0, 2L * 365 * 86_400 * 1_000_000_000L);
  }
}
