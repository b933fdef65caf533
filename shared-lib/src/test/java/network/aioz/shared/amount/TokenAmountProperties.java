package network.aioz.shared.amount;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TokenAmountProperties {

  @Property
  void formatThenParseIsTheIdentity(@ForAll("amounts") TokenAmount amount) {
    assertThat(TokenAmount.parse(amount.toDecimalString())).isEqualTo(amount);
    assertThat(TokenAmount.fromJson(amount.toJson())).isEqualTo(amount);
  }

  @Property
  void theDecimalStringIsTheExactValueInTokens(@ForAll("amounts") TokenAmount amount) {
    BigDecimal tokens = new BigDecimal(amount.toDecimalString());
    assertThat(tokens.movePointRight(TokenAmount.DECIMALS).toBigIntegerExact())
        .isEqualTo(amount.baseUnits());
  }

  @Property
  void plusThenMinusGivesBackTheAmount(
      @ForAll("amounts") TokenAmount a, @ForAll("amounts") TokenAmount b) {
    assertThat(a.plus(b).minus(b)).isEqualTo(a);
  }

  @Provide
  Arbitrary<TokenAmount> amounts() {
    return Arbitraries.oneOf(
            Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(40)),
            Arbitraries.longs().between(0, 1000).map(BigInteger::valueOf),
            Arbitraries.longs()
                .between(0, 1_000_000)
                .map(t -> BigInteger.valueOf(t).multiply(TokenAmount.BASE_UNITS_PER_TOKEN)))
        .map(TokenAmount::ofBaseUnits);
  }
}
