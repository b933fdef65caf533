package network.aioz.billing.pricing;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import network.aioz.billing.economics.SplitRules;
import network.aioz.shared.amount.TokenAmount;
import network.aioz.shared.web.ApiProblem;
import network.aioz.shared.web.CallerIdentity;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/billing/prices} (the version in force now, at {@code ?at=}, or {@code ?version=})
 * and {@code POST /v1/billing/prices} (platform only: a new version that supersedes the current one
 * from a future {@code effectiveFrom}). Amounts are strings of base units.
 */
@RestController
@RequestMapping("/v1/billing/prices")
class PriceController {

  static final String READ = "billing:read";
  static final String ADMIN = "billing:admin";

  record PriceView(String service, String unit, String region, String amount, String per) {}

  record VersionView(int version, Instant effectiveFrom, String note, List<PriceView> prices) {

    static VersionView of(PriceVersion v) {
      return new VersionView(
          v.version(),
          v.effectiveFrom(),
          v.note(),
          v.prices().stream()
              .map(
                  p ->
                      new PriceView(
                          p.service(),
                          p.unit(),
                          p.region(),
                          p.amount().toString(),
                          p.per().toString()))
              .toList());
    }
  }

  /** A new version as posted; {@code region} defaults to {@code *}. */
  record NewVersion(String effectiveFrom, String note, List<PriceView> prices) {}

  private final PriceBook book;
  private final CallerIdentity callers;
  private final Clock clock;
  private final Set<String> services = SplitRules.defaults().byService().keySet();

  PriceController(PriceBook book, CallerIdentity callers, Clock clock) {
    this.book = book;
    this.callers = callers;
    this.clock = clock;
  }

  @GetMapping
  VersionView get(
      HttpServletRequest request,
      @RequestParam(required = false) Integer version,
      @RequestParam(required = false) String at) {
    callers.require(request, READ);
    if (version != null && at != null) {
      throw ApiProblem.badRequest("give version or at, not both");
    }
    int wanted =
        version != null
            ? version
            : book.versionAt(at == null ? clock.instant() : instant("at", at))
                .orElseThrow(() -> ApiProblem.notFound("price book version in force then"));
    return book.version(wanted)
        .map(VersionView::of)
        .orElseThrow(() -> ApiProblem.notFound("price book version " + wanted));
  }

  @PostMapping
  ResponseEntity<VersionView> create(
      HttpServletRequest request, @RequestBody(required = false) NewVersion body) {
    callers.require(request, ADMIN);
    if (body == null || body.prices() == null || body.prices().isEmpty()) {
      throw ApiProblem.badRequest(
          "a body {\"effectiveFrom\": \"<ISO instant>\", \"note\": \"...\", \"prices\":"
              + " [{\"service\", \"unit\", \"region\", \"amount\", \"per\"}]} is required");
    }
    if (body.effectiveFrom() == null) {
      throw ApiProblem.badRequest("effectiveFrom (an ISO-8601 instant) is required");
    }
    Instant from = instant("effectiveFrom", body.effectiveFrom());
    List<PriceBook.NewPrice> prices = new ArrayList<>();
    for (int i = 0; i < body.prices().size(); i++) {
      prices.add(price("prices[" + i + "]", body.prices().get(i)));
    }
    int version;
    try {
      version = book.create(from, body.note(), prices);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest(e.getMessage());
    }
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(VersionView.of(book.version(version).orElseThrow()));
  }

  private PriceBook.NewPrice price(String field, PriceView p) {
    if (p == null) {
      throw ApiProblem.badRequest(field + " is missing");
    }
    if (p.service() == null || !services.contains(p.service())) {
      throw ApiProblem.badRequest(field + ".service must be one of " + services);
    }
    if (p.unit() == null || p.unit().isBlank() || !p.unit().strip().equals(p.unit())) {
      throw ApiProblem.badRequest(field + ".unit is required (no surrounding spaces)");
    }
    String region = p.region() == null ? PriceBook.ANY_REGION : p.region();
    if (region.isBlank() || !region.strip().equals(region)) {
      throw ApiProblem.badRequest(field + ".region must be a region or *");
    }
    BigInteger amount = whole(field + ".amount", p.amount(), false);
    BigInteger per = whole(field + ".per", p.per() == null ? "1" : p.per(), true);
    return new PriceBook.NewPrice(p.service(), p.unit(), region, amount, per);
  }

  /** A whole number of base units as a string; zero allowed only when not {@code positive}. */
  private static BigInteger whole(String field, String text, boolean positive) {
    if (text == null) {
      throw ApiProblem.badRequest(field + " (a string of base units) is required");
    }
    BigInteger value;
    try {
      value = TokenAmount.fromJson(text.strip()).baseUnits();
    } catch (NumberFormatException | ArithmeticException e) {
      throw ApiProblem.badRequest(
          field + " must be a whole non-negative number as a string, at most 2^256 - 1");
    }
    if (positive && value.signum() == 0) {
      throw ApiProblem.badRequest(field + " must be positive");
    }
    return value;
  }

  private static Instant instant(String field, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(
          field + " must be an ISO-8601 instant such as 2027-01-01T00:00:00Z");
    }
  }
}
