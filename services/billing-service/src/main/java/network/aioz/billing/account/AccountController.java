package network.aioz.billing.account;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigInteger;
import java.util.List;
import java.util.UUID;
import network.aioz.billing.ledger.Accounts;
import network.aioz.billing.ledger.Ledger;
import network.aioz.billing.ledger.TransferRequest;
import network.aioz.billing.ledger.TransferResult;
import network.aioz.shared.amount.TokenAmount;
import network.aioz.shared.web.ApiProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's AIOZ account: {@code GET /v1/billing/account} (balance), {@code GET
 * /v1/billing/account/transfers} (history), and {@code POST /v1/billing/dev/top-ups} where
 * development top-ups are enabled. Amounts are strings of base units (18 decimals).
 */
@RestController
@RequestMapping("/v1/billing")
class AccountController {

  record AccountView(
      String account,
      String currency,
      int decimals,
      String available,
      String posted,
      String held,
      String totalCredited,
      String totalDebited,
      Boolean funded,
      String lowBalanceThreshold) {

    static AccountView of(Accounts.Balance b, Standing.View standing) {
      return new AccountView(
          b.id(),
          "AIOZ",
          TokenAmount.DECIMALS,
          b.available().toString(),
          b.posted().toString(),
          b.debitsPending().toString(),
          b.creditsPosted().toString(),
          b.debitsPosted().toString(),
          standing.funded(),
          standing.lowBalanceThreshold().toString());
    }
  }

  /**
   * @param lowBalance base units below which {@code balance.low} is sent once; null for the
   *     service's default
   */
  record Alerts(String lowBalance) {}

  /**
   * @param amount base units as a decimal string
   * @param id the client's idempotency id (a UUID); a retry with it changes nothing
   */
  record TopUp(String amount, UUID id) {}

  record TopUpView(UUID transfer, String result, AccountView account) {}

  private final Tenants tenants;
  private final Accounts accounts;
  private final Ledger ledger;
  private final History history;
  private final Payments payments;
  private final Standing standing;
  private final boolean devTopUps;

  AccountController(
      Tenants tenants,
      Accounts accounts,
      Ledger ledger,
      History history,
      Payments payments,
      Standing standing,
      @Value("${billing.dev.top-ups-enabled:false}") boolean devTopUps) {
    this.tenants = tenants;
    this.accounts = accounts;
    this.ledger = ledger;
    this.history = history;
    this.payments = payments;
    this.standing = standing;
    this.devTopUps = devTopUps;
  }

  @GetMapping("/account")
  AccountView account(HttpServletRequest request) {
    String tenantId = tenants.require(request, Tenants.READ);
    return view(tenantId);
  }

  private AccountView view(String tenantId) {
    return AccountView.of(accounts.tenantBalance(tenantId), standing.of(tenantId));
  }

  /** Sets the low-balance threshold of {@code balance.low}; takes effect at the next change. */
  @PutMapping("/account/alerts")
  AccountView alerts(HttpServletRequest request, @RequestBody(required = false) Alerts body) {
    String tenantId = tenants.require(request, Tenants.WRITE);
    if (body == null) {
      throw ApiProblem.badRequest("a body {\"lowBalance\": \"<base units>\"} is required");
    }
    BigInteger threshold =
        body.lowBalance() == null ? null : Amounts.positive("lowBalance", body.lowBalance());
    standing.setLowBalanceThreshold(tenantId, threshold);
    return view(tenantId);
  }

  /** Newest first; {@code cursor} is the {@code next} of the previous page. */
  @GetMapping("/account/transfers")
  History.Page transfers(
      HttpServletRequest request,
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(required = false) String cursor) {
    String account = Accounts.tenantAccount(tenants.require(request, Tenants.READ));
    if (limit < 1 || limit > 500) {
      throw ApiProblem.badRequest("limit must be from 1 to 500");
    }
    return history.of(account, cursor, limit);
  }

  @PostMapping("/dev/top-ups")
  ResponseEntity<TopUpView> topUp(
      HttpServletRequest request, @RequestBody(required = false) TopUp body) {
    if (!devTopUps) {
      throw ApiProblem.notFound("development top-ups (billing.dev.top-ups-enabled is off)");
    }
    String tenantId = tenants.require(request, Tenants.WRITE);
    String account = accounts.openTenant(tenantId);
    if (body == null || body.amount() == null) {
      throw ApiProblem.badRequest("amount (a string of base units) is required");
    }
    BigInteger amount = Amounts.positive(body.amount());
    UUID id = body.id() == null ? UUID.randomUUID() : body.id();
    TransferResult result =
        ledger
            .submit(
                List.of(
                    TransferRequest.posted(
                        id, Accounts.DEV_TOP_UP, account, amount, "top_up", "dev")),
                false,
                results -> {
                  if (results.getFirst() == TransferResult.CREATED) {
                    payments.received(tenantId, id, amount, "dev", account);
                  }
                })
            .getFirst();
    if (result == TransferResult.EXISTS_WITH_DIFFERENT_FIELDS) {
      throw ApiProblem.conflict(
          "idempotency-conflict",
          "Transfer id already used",
          "transfer " + id + " exists with other fields");
    }
    if (!result.ok()) {
      throw ApiProblem.badRequest("the top-up was refused: " + result);
    }
    AccountView view = view(tenantId);
    return ResponseEntity.status(
            result == TransferResult.CREATED ? HttpStatus.CREATED : HttpStatus.OK)
        .body(new TopUpView(id, result.name(), view));
  }
}
