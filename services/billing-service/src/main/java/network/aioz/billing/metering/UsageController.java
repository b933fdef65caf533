package network.aioz.billing.metering;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import network.aioz.shared.identity.InternalIdentity;
import network.aioz.shared.web.ApiProblem;
import network.aioz.shared.web.CallerIdentity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's usage and statements: {@code GET /v1/billing/usage?period=} (default: the current
 * period), {@code GET /v1/billing/statements} and {@code GET /v1/billing/statements/<period>}.
 */
@RestController
@RequestMapping("/v1/billing")
class UsageController {

  static final String READ = "billing:read";

  private final CallerIdentity callers;
  private final Periods periods;
  private final Statements statements;

  UsageController(CallerIdentity callers, Periods periods, Statements statements) {
    this.callers = callers;
    this.periods = periods;
    this.statements = statements;
  }

  @GetMapping("/usage")
  Statements.UsageView usage(
      HttpServletRequest request, @RequestParam(required = false) String period) {
    String tenant = tenant(request);
    PeriodLength.Span span = period == null ? periods.current() : span(period);
    return statements.usage(tenant, span, periods.status(span.id()).orElse(Periods.OPEN));
  }

  @GetMapping("/statements")
  List<Statements.PeriodView> statements(
      HttpServletRequest request, @RequestParam(defaultValue = "24") int limit) {
    tenant(request);
    if (limit < 1 || limit > 500) {
      throw ApiProblem.badRequest("limit must be from 1 to 500");
    }
    return statements.periods(limit);
  }

  @GetMapping("/statements/{period}")
  Statements.Statement statement(HttpServletRequest request, @PathVariable String period) {
    String tenant = tenant(request);
    PeriodLength.Span span = span(period);
    return statements.statement(tenant, span, periods.status(span.id()).orElse(Periods.OPEN));
  }

  private PeriodLength.Span span(String period) {
    return periods
        .byId(period)
        .orElseThrow(
            () ->
                ApiProblem.badRequest(
                    "period must be a billing period id such as "
                        + periods.current().id()
                        + ": '"
                        + period
                        + "'"));
  }

  private String tenant(HttpServletRequest request) {
    InternalIdentity identity = callers.require(request, READ);
    if (identity.tenantId() == null || identity.tenantId().isBlank()) {
      throw ApiProblem.forbidden("this credential does not act for a tenant");
    }
    return identity.tenantId();
  }
}
