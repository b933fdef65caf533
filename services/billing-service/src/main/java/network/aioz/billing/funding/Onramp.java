package network.aioz.billing.funding;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import network.aioz.billing.account.Payments;
import network.aioz.billing.ledger.Accounts;
import network.aioz.billing.ledger.Ledger;
import network.aioz.billing.ledger.TransferRequest;
import network.aioz.billing.ledger.TransferResult;
import network.aioz.shared.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Buying tokens with fiat through an external provider: a quote shows every fee, confirming it
 * opens an order at the provider's checkout, and the provider's {@code order.completed} webhook
 * credits the quoted tokens once (the transfer id is derived from the order id).
 */
@Component
class Onramp {

  private static final Logger log = LoggerFactory.getLogger(Onramp.class);

  record Quote(
      UUID id,
      String fiatCurrency,
      String fiatAmount,
      String providerFee,
      String networkFee,
      String totalFees,
      String rate,
      String tokens,
      Instant expiresAt) {}

  record Order(
      UUID id,
      UUID quoteId,
      String status,
      String fiatCurrency,
      String fiatAmount,
      String tokens,
      String checkoutUrl,
      String providerReference,
      String flagReason,
      Instant createdAt) {}

  /** What a webhook did: the status to answer with, and the problem when it is not 200. */
  record Outcome(int status, String result, String detail) {
    static Outcome ok(String result) {
      return new Outcome(200, result, null);
    }
  }

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Ledger ledger;
  private final Accounts accounts;
  private final Payments payments;
  private final Clock clock;
  private final FundingSettings.Onramp settings;
  private final OnrampPricing pricing;

  Onramp(
      JdbcTemplate jdbc,
      TransactionTemplate tx,
      Ledger ledger,
      Accounts accounts,
      Payments payments,
      Clock clock,
      FundingSettings.Onramp settings) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.ledger = ledger;
    this.accounts = accounts;
    this.payments = payments;
    this.clock = clock;
    this.settings = settings;
    this.pricing = OnrampPricing.of(settings);
  }

  Quote quote(String tenantId, String currency, String fiatAmount) {
    String code = currency == null ? "" : currency.strip().toUpperCase(Locale.ROOT);
    if (!pricing.accepts(code)) {
      throw ApiProblem.badRequest(
          "fiatCurrency must be one of " + pricing.currencies() + ": '" + currency + "'");
    }
    Long minor = OnrampPricing.minorUnits(fiatAmount);
    if (minor == null || minor <= 0) {
      throw ApiProblem.badRequest(
          "fiatAmount must be a positive amount with at most 2 decimals as a string, e.g."
              + " \"100.00\": '"
              + fiatAmount
              + "'");
    }
    OnrampPricing.Price price;
    try {
      price = pricing.price(code, minor);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest(e.getMessage());
    }
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    Instant expires = now.plus(settings.quoteTtl());
    jdbc.update(
        "insert into onramp_quote (id, tenant_id, fiat_currency, fiat_minor, provider_fee_minor,"
            + " network_fee_minor, rate, tokens, created_at, expires_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id,
        tenantId,
        code,
        price.fiatMinor(),
        price.providerFeeMinor(),
        price.networkFeeMinor(),
        price.rate(),
        new BigDecimal(price.tokens()),
        Timestamp.from(now),
        Timestamp.from(expires));
    return new Quote(
        id,
        code,
        OnrampPricing.format(price.fiatMinor()),
        OnrampPricing.format(price.providerFeeMinor()),
        OnrampPricing.format(price.networkFeeMinor()),
        OnrampPricing.format(price.providerFeeMinor() + price.networkFeeMinor()),
        price.rate(),
        price.tokens().toString(),
        expires);
  }

  /** Confirms the tenant's quote: its order (the same one when confirmed again). */
  Order order(String tenantId, UUID quoteId) {
    return tx.execute(
        status -> {
          Optional<Order> existing = orderOfQuote(tenantId, quoteId);
          if (existing.isPresent()) {
            return existing.get();
          }
          var quotes =
              jdbc.queryForList(
                  "select * from onramp_quote where id = ? and tenant_id = ? for update",
                  quoteId,
                  tenantId);
          if (quotes.isEmpty()) {
            throw ApiProblem.notFound("quote " + quoteId);
          }
          var quote = quotes.getFirst();
          Instant now = clock.instant();
          if (!((Timestamp) quote.get("expires_at")).toInstant().isAfter(now)) {
            throw new ApiProblem(
                HttpStatus.GONE,
                "quote-expired",
                "Quote expired",
                "quote " + quoteId + " expired; ask for a new one");
          }
          UUID id = UUID.randomUUID();
          jdbc.update(
              "insert into onramp_order (id, quote_id, tenant_id, fiat_currency, fiat_minor,"
                  + " tokens, status, checkout_url, created_at, updated_at)"
                  + " values (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)",
              id,
              quoteId,
              tenantId,
              quote.get("fiat_currency"),
              quote.get("fiat_minor"),
              quote.get("tokens"),
              settings.checkoutBaseUrl() + id,
              Timestamp.from(now),
              Timestamp.from(now));
          return orderOfQuote(tenantId, quoteId).orElseThrow();
        });
  }

  Order get(String tenantId, UUID orderId) {
    return jdbc
        .query(
            "select * from onramp_order where id = ? and tenant_id = ?",
            Onramp::order,
            orderId,
            tenantId)
        .stream()
        .findFirst()
        .orElseThrow(() -> ApiProblem.notFound("order " + orderId));
  }

  private Optional<Order> orderOfQuote(String tenantId, UUID quoteId) {
    return jdbc
        .query(
            "select * from onramp_order where quote_id = ? and tenant_id = ?",
            Onramp::order,
            quoteId,
            tenantId)
        .stream()
        .findFirst();
  }

  /**
   * The provider took the payment: credits the quoted tokens once, unless the paid fiat differs
   * from the quote (then the order is flagged for a person and nothing is credited). Runs in the
   * webhook's transaction.
   */
  Outcome completed(UUID orderId, String fiatAmount, String fiatCurrency, String reference) {
    var row = lock(orderId);
    String status = (String) row.get("status");
    if (status.equals("failed") || status.equals("flagged")) {
      return new Outcome(
          409, "order-" + status, "order " + orderId + " is " + status + "; nothing credited");
    }
    Long paid = OnrampPricing.minorUnits(fiatAmount);
    String currency = fiatCurrency == null ? null : fiatCurrency.strip().toUpperCase(Locale.ROOT);
    long quoted = ((Number) row.get("fiat_minor")).longValue();
    if (status.equals("pending")
        && (paid == null || paid != quoted || !row.get("fiat_currency").equals(currency))) {
      String reason =
          "paid "
              + fiatAmount
              + " "
              + fiatCurrency
              + " but the quote was "
              + OnrampPricing.format(quoted)
              + " "
              + row.get("fiat_currency");
      log.error("ON-RAMP ORDER {} FLAGGED, nothing credited: {}", orderId, reason);
      jdbc.update(
          "update onramp_order set status = 'flagged', flag_reason = ?, provider_reference = ?,"
              + " updated_at = ? where id = ?",
          reason,
          reference,
          Timestamp.from(clock.instant()),
          orderId);
      return new Outcome(422, "fiat-mismatch", reason);
    }
    String tenantId = (String) row.get("tenant_id");
    BigInteger tokens = ((BigDecimal) row.get("tokens")).toBigIntegerExact();
    UUID transferId = FundingIds.onrampCredit(orderId);
    String account = accounts.openTenant(tenantId);
    TransferResult result =
        ledger
            .submit(
                List.of(
                    TransferRequest.posted(
                        transferId,
                        Accounts.ONRAMP,
                        account,
                        tokens,
                        "top_up",
                        "onramp:" + orderId)),
                false,
                results -> {
                  if (results.getFirst() == TransferResult.CREATED) {
                    payments.received(tenantId, transferId, tokens, "onramp", account);
                  }
                })
            .getFirst();
    if (!result.ok()) {
      throw new IllegalStateException("the on-ramp credit of " + orderId + " failed: " + result);
    }
    jdbc.update(
        "update onramp_order set status = 'completed', provider_reference = coalesce(?,"
            + " provider_reference), updated_at = ? where id = ?",
        reference,
        Timestamp.from(clock.instant()),
        orderId);
    return Outcome.ok(result == TransferResult.CREATED ? "credited" : "already-credited");
  }

  /** The provider could not take the payment; a completed order stays completed. */
  Outcome failed(UUID orderId, String reference) {
    var row = lock(orderId);
    String status = (String) row.get("status");
    if (status.equals("completed")) {
      log.error("on-ramp order {} reported failed after it was credited", orderId);
      return new Outcome(409, "order-completed", "order " + orderId + " was already completed");
    }
    if (status.equals("pending")) {
      jdbc.update(
          "update onramp_order set status = 'failed', provider_reference = ?, updated_at = ?"
              + " where id = ?",
          reference,
          Timestamp.from(clock.instant()),
          orderId);
    }
    return Outcome.ok("failed");
  }

  private java.util.Map<String, Object> lock(UUID orderId) {
    var rows = jdbc.queryForList("select * from onramp_order where id = ? for update", orderId);
    if (rows.isEmpty()) {
      throw ApiProblem.notFound("order " + orderId);
    }
    return rows.getFirst();
  }

  private static Order order(ResultSet rs, int row) throws SQLException {
    return new Order(
        rs.getObject("id", UUID.class),
        rs.getObject("quote_id", UUID.class),
        rs.getString("status"),
        rs.getString("fiat_currency"),
        OnrampPricing.format(rs.getLong("fiat_minor")),
        rs.getBigDecimal("tokens").toBigIntegerExact().toString(),
        rs.getString("checkout_url"),
        rs.getString("provider_reference"),
        rs.getString("flag_reason"),
        rs.getTimestamp("created_at").toInstant());
  }
}
