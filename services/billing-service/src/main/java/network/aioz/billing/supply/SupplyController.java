package network.aioz.billing.supply;

import java.util.List;
import network.aioz.shared.web.ApiProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The supply reports, public like the chain they describe: {@code GET /v1/billing/supply} (newest
 * first) and {@code GET /v1/billing/supply/{period}}.
 */
@RestController
@RequestMapping("/v1/billing/supply")
class SupplyController {

  record Reports(List<SupplyBook.Report> items) {}

  private final SupplyBook book;

  SupplyController(SupplyBook book) {
    this.book = book;
  }

  @GetMapping
  Reports reports(@RequestParam(defaultValue = "12") int limit) {
    if (limit < 1 || limit > 120) {
      throw ApiProblem.badRequest("limit must be from 1 to 120");
    }
    return new Reports(book.reports(limit));
  }

  @GetMapping("/{period}")
  SupplyBook.Report report(@PathVariable String period) {
    if (!period.matches("[0-9A-Za-z:.\\-]{1,40}")) {
      throw ApiProblem.badRequest("not a period id: '" + period + "'");
    }
    return book.find(period)
        .orElseThrow(() -> ApiProblem.notFound("supply report of period " + period));
  }
}
