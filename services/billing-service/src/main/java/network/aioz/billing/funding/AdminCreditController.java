package network.aioz.billing.funding;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigInteger;
import java.util.List;
import java.util.UUID;
import network.aioz.billing.account.Amounts;
import network.aioz.billing.account.Payments;
import network.aioz.billing.ledger.Accounts;
import network.aioz.billing.ledger.Ledger;
import network.aioz.billing.ledger.TransferRequest;
import network.aioz.billing.ledger.TransferResult;
import network.aioz.shared.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/billing/admin/credits} (scope {@code billing:admin}): the platform credits a
 * tenant from its treasury (goodwill, or correcting an overcharge), once per id.
 */
@RestController
class AdminCreditController {

  record CreditRequest(UUID id, String tenantId, String amount, String reason) {}

  record CreditView(UUID transfer, String result, String tenantId, String amount) {}

  private final Callers callers;
  private final Accounts accounts;
  private final Ledger ledger;
  private final Payments payments;

  AdminCreditController(Callers callers, Accounts accounts, Ledger ledger, Payments payments) {
    this.callers = callers;
    this.accounts = accounts;
    this.ledger = ledger;
    this.payments = payments;
  }

  @PostMapping("/v1/billing/admin/credits")
  ResponseEntity<CreditView> credit(
      HttpServletRequest request, @RequestBody(required = false) CreditRequest body) {
    callers.admin(request);
    if (body == null || body.id() == null) {
      throw ApiProblem.badRequest("id (a UUID chosen by the caller) is required");
    }
    if (body.tenantId() == null || body.tenantId().isBlank()) {
      throw ApiProblem.badRequest("tenantId is required");
    }
    if (body.reason() == null || body.reason().isBlank() || body.reason().length() > 500) {
      throw ApiProblem.badRequest("reason (up to 500 characters) is required");
    }
    BigInteger amount = Amounts.positive(body.amount());
    String tenant = body.tenantId();
    String account = accounts.openTenant(tenant);
    TransferResult result =
        ledger
            .submit(
                List.of(
                    TransferRequest.posted(
                        body.id(), Accounts.TREASURY, account, amount, "refund", body.reason())),
                false,
                results -> {
                  if (results.getFirst() == TransferResult.CREATED) {
                    payments.received(tenant, body.id(), amount, "credit", account);
                  }
                })
            .getFirst();
    switch (result) {
      case CREATED, EXISTS -> {}
      case EXISTS_WITH_DIFFERENT_FIELDS ->
          throw ApiProblem.conflict(
              "idempotency-conflict",
              "Credit id already used",
              "transfer " + body.id() + " exists with other fields");
      case EXCEEDS_CREDITS ->
          throw ApiProblem.conflict(
              "treasury-insufficient",
              "Treasury cannot cover the credit",
              Accounts.TREASURY + " holds less than " + amount);
      default -> throw ApiProblem.badRequest("the credit was refused: " + result);
    }
    return ResponseEntity.status(
            result == TransferResult.CREATED ? HttpStatus.CREATED : HttpStatus.OK)
        .body(new CreditView(body.id(), result.name(), tenant, amount.toString()));
  }
}
