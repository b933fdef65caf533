package network.aioz.shared.amount;

/** Thrown when a subtraction would make a token amount negative. */
public final class InsufficientAmountException extends ArithmeticException {

  private final TokenAmount available;
  private final TokenAmount requested;

  InsufficientAmountException(TokenAmount available, TokenAmount requested) {
    super(
        "cannot subtract "
            + requested.toDecimalString()
            + " from "
            + available.toDecimalString()
            + ": a token amount cannot be negative");
    this.available = available;
    this.requested = requested;
  }

  public TokenAmount available() {
    return available;
  }

  public TokenAmount requested() {
    return requested;
  }
}
