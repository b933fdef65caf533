package network.aioz.billing.account;

import java.math.BigInteger;
import java.util.Map;
import network.aioz.shared.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** The 402 problem of work (a hold, a refund) the tenant's balance cannot cover. */
public final class InsufficientFunds {

  public static final String TYPE = "insufficient-funds";

  private InsufficientFunds() {}

  /**
   * 402 {@code insufficient-funds} with the amounts as strings of base units, so a client can show
   * how much to top up.
   */
  public static ApiProblem problem(String what, BigInteger available, BigInteger required) {
    return new ApiProblem(
        HttpStatus.PAYMENT_REQUIRED,
        TYPE,
        "Insufficient funds",
        what
            + " needs "
            + required
            + " base units but the account has "
            + available
            + " available: top up the account (an on-chain deposit or the on-ramp) and retry",
        Map.of("available", available.toString(), "required", required.toString()));
  }
}
