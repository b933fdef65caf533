package network.aioz.billing.account;

import java.math.BigInteger;
import network.aioz.shared.amount.TokenAmount;
import network.aioz.shared.web.ApiProblem;

/** Amounts as the API takes them: strings of base units (1 AIOZ = 10^18). */
public final class Amounts {

  private Amounts() {}

  /**
   * A positive whole number of base units that fits a uint256; anything else (negative, zero,
   * fractional, exponent, too large, not a number) is a 400 problem naming {@code field}.
   */
  public static BigInteger positive(String field, String text) {
    if (text == null) {
      throw ApiProblem.badRequest(field + " (a string of base units) is required");
    }
    TokenAmount amount;
    try {
      amount = TokenAmount.fromJson(text.strip());
    } catch (NumberFormatException | ArithmeticException e) {
      throw ApiProblem.badRequest(
          field
              + " must be a positive whole number of base units (1 AIOZ = 10^18) as a string, at"
              + " most 2^256 - 1: '"
              + text
              + "'");
    }
    if (amount.baseUnits().signum() == 0) {
      throw ApiProblem.badRequest(field + " must be positive");
    }
    return amount.baseUnits();
  }

  /** {@link #positive(String, String)} of the field {@code amount}. */
  public static BigInteger positive(String text) {
    return positive("amount", text);
  }
}
