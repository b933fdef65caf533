package network.aioz.billing.funding;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import network.aioz.shared.web.ApiProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/billing/deposits}: the caller's credited on-chain deposits, newest first. */
@RestController
@RequestMapping("/v1/billing")
class DepositController {

  record Page(List<Deposits.View> items) {}

  private final Callers callers;
  private final Deposits deposits;

  DepositController(Callers callers, Deposits deposits) {
    this.callers = callers;
    this.deposits = deposits;
  }

  @GetMapping("/deposits")
  Page deposits(HttpServletRequest request, @RequestParam(defaultValue = "50") int limit) {
    String tenant = callers.tenant(request, Callers.READ);
    if (limit < 1 || limit > 500) {
      throw ApiProblem.badRequest("limit must be from 1 to 500");
    }
    return new Page(deposits.of(tenant, limit));
  }
}
