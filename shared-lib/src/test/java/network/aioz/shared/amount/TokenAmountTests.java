package network.aioz.shared.amount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TokenAmountTests {

  @Test
  void parsesAndFormatsExactly() {
    assertThat(TokenAmount.parse("1.5").baseUnits())
        .isEqualTo(new BigInteger("1500000000000000000"));
    assertThat(TokenAmount.parse("0.000000000000000001").baseUnits()).isEqualTo(BigInteger.ONE);
    assertThat(TokenAmount.parse("2.50").toDecimalString()).isEqualTo("2.5");
    assertThat(TokenAmount.parse("007").toDecimalString()).isEqualTo("7");
    assertThat(TokenAmount.ofWhole(3).toDecimalString()).isEqualTo("3");
    assertThat(TokenAmount.ZERO.toDecimalString()).isEqualTo("0");
  }

  @Test
  void refusesWhatItCannotRepresentExactly() {
    for (String bad :
        List.of("1.0000000000000000001", "-1", "1e18", "1,5", ".5", "1.", "", " 1", "+1")) {
      assertThatThrownBy(() -> TokenAmount.parse(bad))
          .as("'%s'", bad)
          .isInstanceOf(NumberFormatException.class);
    }
    assertThatThrownBy(() -> TokenAmount.ofBaseUnits(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> TokenAmount.ofBaseUnits(TokenAmount.MAX_BASE_UNITS.add(BigInteger.ONE)))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void minusRefusesToGoNegativeAndSaysWhy() {
    TokenAmount one = TokenAmount.ofWhole(1);
    TokenAmount two = TokenAmount.ofWhole(2);
    assertThat(two.minus(one)).isEqualTo(one);
    assertThat(one.minus(one).isZero()).isTrue();
    assertThatThrownBy(() -> one.minus(two))
        .isInstanceOf(InsufficientAmountException.class)
        .hasMessage("cannot subtract 2 from 1: a token amount cannot be negative");
  }

  @Test
  void plusAndCompare() {
    TokenAmount a = TokenAmount.parse("0.1");
    TokenAmount b = TokenAmount.parse("0.2");
    assertThat(a.plus(b)).isEqualTo(TokenAmount.parse("0.3"));
    assertThat(a).isLessThan(b);
    assertThat(a.isLessThan(b)).isTrue();
    assertThatThrownBy(
            () ->
                TokenAmount.ofBaseUnits(TokenAmount.MAX_BASE_UNITS)
                    .plus(TokenAmount.ofBaseUnits(1)))
        .isInstanceOf(ArithmeticException.class);
  }

  record Payout(String to, TokenAmount amount) {}

  @Test
  void isAJsonStringOfBaseUnits() {
    JsonMapper json = JsonMapper.builder().build();
    Payout payout = new Payout("edge-1", TokenAmount.parse("1.5"));

    String text = json.writeValueAsString(payout);

    assertThat(text).isEqualTo("{\"to\":\"edge-1\",\"amount\":\"1500000000000000000\"}");
    assertThat(json.readValue(text, Payout.class)).isEqualTo(payout);
    assertThatThrownBy(() -> json.readValue("{\"to\":\"x\",\"amount\":\"1.5\"}", Payout.class))
        .hasRootCauseInstanceOf(NumberFormatException.class);
  }
}
