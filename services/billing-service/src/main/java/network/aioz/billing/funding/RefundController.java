package network.aioz.billing.funding;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import network.aioz.billing.account.Amounts;
import network.aioz.shared.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/billing/refunds} (withdraw to a chain address or back through the on-ramp),
 * {@code GET /v1/billing/refunds} and {@code GET /v1/billing/refunds/{id}}.
 */
@RestController
@RequestMapping("/v1/billing/refunds")
class RefundController {

  /**
   * @param id the client's idempotency id
   * @param amount base units as a decimal string
   */
  record RefundRequest(UUID id, String amount, Refunds.Destination destination) {}

  record Page(List<Refunds.View> items) {}

  private final Callers callers;
  private final Refunds refunds;

  RefundController(Callers callers, Refunds refunds) {
    this.callers = callers;
    this.refunds = refunds;
  }

  @PostMapping
  ResponseEntity<Refunds.View> request(
      HttpServletRequest request, @RequestBody(required = false) RefundRequest body) {
    String tenant = callers.tenant(request, Callers.WRITE);
    if (body == null || body.id() == null) {
      throw ApiProblem.badRequest("id (a UUID chosen by the client) is required");
    }
    Refunds.Request checked =
        new Refunds.Request(
            body.id(), Amounts.positive(body.amount()), Refunds.destination(body.destination()));
    Map.Entry<Refunds.View, Boolean> placed = refunds.request(tenant, checked);
    return ResponseEntity.status(placed.getValue() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(placed.getKey());
  }

  @GetMapping
  Page list(HttpServletRequest request, @RequestParam(defaultValue = "50") int limit) {
    String tenant = callers.tenant(request, Callers.READ);
    if (limit < 1 || limit > 500) {
      throw ApiProblem.badRequest("limit must be from 1 to 500");
    }
    return new Page(refunds.of(tenant, limit));
  }

  @GetMapping("/{id}")
  Refunds.View get(HttpServletRequest request, @PathVariable UUID id) {
    String tenant = callers.tenant(request, Callers.READ);
    return refunds.find(tenant, id).orElseThrow(() -> ApiProblem.notFound("refund " + id));
  }
}
