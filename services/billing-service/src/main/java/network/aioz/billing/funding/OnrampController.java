package network.aioz.billing.funding;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import network.aioz.shared.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's side of the on-ramp: {@code POST /v1/billing/onramp/quotes}, {@code POST
 * /v1/billing/onramp/orders}, {@code GET /v1/billing/onramp/orders/{id}}.
 */
@RestController
@RequestMapping("/v1/billing/onramp")
class OnrampController {

  /**
   * @param fiatAmount a decimal string with at most 2 decimals, e.g. "100.00"
   */
  record QuoteRequest(String fiatCurrency, String fiatAmount) {}

  record OrderRequest(UUID quoteId) {}

  private final Callers callers;
  private final Onramp onramp;

  OnrampController(Callers callers, Onramp onramp) {
    this.callers = callers;
    this.onramp = onramp;
  }

  @PostMapping("/quotes")
  ResponseEntity<Onramp.Quote> quote(
      HttpServletRequest request, @RequestBody(required = false) QuoteRequest body) {
    String tenant = callers.tenant(request, Callers.WRITE);
    if (body == null) {
      throw ApiProblem.badRequest("a body {fiatCurrency, fiatAmount} is required");
    }
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(onramp.quote(tenant, body.fiatCurrency(), body.fiatAmount()));
  }

  @PostMapping("/orders")
  ResponseEntity<Onramp.Order> order(
      HttpServletRequest request, @RequestBody(required = false) OrderRequest body) {
    String tenant = callers.tenant(request, Callers.WRITE);
    if (body == null || body.quoteId() == null) {
      throw ApiProblem.badRequest("quoteId is required");
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(onramp.order(tenant, body.quoteId()));
  }

  @GetMapping("/orders/{id}")
  Onramp.Order get(HttpServletRequest request, @PathVariable UUID id) {
    return onramp.get(callers.tenant(request, Callers.READ), id);
  }
}
