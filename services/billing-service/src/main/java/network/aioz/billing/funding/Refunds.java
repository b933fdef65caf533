package network.aioz.billing.funding;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import network.aioz.billing.account.InsufficientFunds;
import network.aioz.billing.ledger.Accounts;
import network.aioz.billing.ledger.Ledger;
import network.aioz.billing.ledger.TransferRequest;
import network.aioz.billing.ledger.TransferResult;
import network.aioz.shared.outbox.Outbox;
import network.aioz.shared.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tokens leaving the platform: a refund holds the amount from the tenant to {@code
 * platform:withdrawals} and asks the chain adapter or the on-ramp provider to pay it out ({@code
 * WithdrawalRequested}); their confirmation posts the hold, their failure voids it, and a hold
 * nobody resolves expires, returning the money. A refund's status is its hold's state.
 */
@Component
class Refunds {

  static final String TOPIC = "billing.withdrawal";
  static final String REQUESTED = "network.aioz.billing.WithdrawalRequested";
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final Logger log = LoggerFactory.getLogger(Refunds.class);

  /**
   * @param type {@code chain} (with {@code address}) or {@code onramp} (with {@code orderId})
   */
  record Destination(String type, String address, UUID orderId) {}

  record View(
      UUID id,
      String status,
      String amount,
      Destination destination,
      String txHash,
      String failureReason,
      Instant createdAt,
      Instant expiresAt) {}

  /** {@code WithdrawalRequested} data: what the payer needs, amounts in base units. */
  record WithdrawalRequested(
      UUID refundId,
      String tenantId,
      String amount,
      Map<String, Object> destination,
      Instant expiresAt) {}

  /** A refund as asked for, checked. */
  record Request(UUID id, BigInteger amount, Destination destination) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Ledger ledger;
  private final Accounts accounts;
  private final Outbox outbox;
  private final Clock clock;
  private final FundingSettings.Refunds settings;

  Refunds(
      JdbcTemplate jdbc,
      TransactionTemplate tx,
      Ledger ledger,
      Accounts accounts,
      Outbox outbox,
      Clock clock,
      FundingSettings.Refunds settings) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.ledger = ledger;
    this.accounts = accounts;
    this.outbox = outbox;
    this.clock = clock;
    this.settings = settings;
  }

  /** Checks the destination's shape; the canonical destination. */
  static Destination destination(Destination d) {
    if (d == null || d.type() == null) {
      throw ApiProblem.badRequest("destination {type: chain|onramp, ...} is required");
    }
    return switch (d.type()) {
      case "chain" -> {
        if (d.address() == null || !ADDRESS.matcher(d.address()).matches()) {
          throw ApiProblem.badRequest("destination.address must be a 0x-prefixed 20-byte address");
        }
        yield new Destination("chain", d.address().toLowerCase(Locale.ROOT), null);
      }
      case "onramp" -> {
        if (d.orderId() == null) {
          throw ApiProblem.badRequest("destination.orderId is required");
        }
        yield new Destination("onramp", null, d.orderId());
      }
      default -> throw ApiProblem.badRequest("destination.type must be chain or onramp");
    };
  }

  /** Places the refund's hold; the same request again answers the same refund (created=false). */
  Map.Entry<View, Boolean> request(String tenantId, Request r) {
    return tx.execute(
        status -> {
          if (r.destination().orderId() != null) {
            lockRefundableOrder(tenantId, r.destination().orderId());
          }
          UUID holdId = FundingIds.refundHold(r.id());
          Instant now = clock.instant();
          int inserted =
              jdbc.update(
                  "insert into refund (id, tenant_id, amount, destination_type, address, order_id,"
                      + " hold_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)"
                      + " on conflict do nothing",
                  r.id(),
                  tenantId,
                  new BigDecimal(r.amount()),
                  r.destination().type(),
                  r.destination().address(),
                  r.destination().orderId(),
                  holdId,
                  Timestamp.from(now));
          if (inserted == 0) {
            View existing = find(tenantId, r.id()).orElse(null);
            if (existing == null
                || !existing.amount().equals(r.amount().toString())
                || !existing.destination().equals(r.destination())) {
              throw ApiProblem.conflict(
                  "idempotency-conflict",
                  "Refund id already used",
                  "refund " + r.id() + " exists with other fields");
            }
            return Map.entry(existing, false);
          }
          if (r.destination().orderId() != null) {
            checkRefundable(r);
          }
          TransferResult result =
              ledger
                  .submit(
                      List.of(
                          TransferRequest.pending(
                              holdId,
                              Accounts.tenantAccount(tenantId),
                              Accounts.WITHDRAWALS,
                              r.amount(),
                              "withdrawal",
                              settings.holdTimeout(),
                              "refund:" + r.id())))
                  .getFirst();
          switch (result) {
            case CREATED -> {}
            case EXCEEDS_CREDITS, DEBIT_ACCOUNT_NOT_FOUND -> {
              BigInteger available = accounts.tenantBalance(tenantId).available();
              throw InsufficientFunds.problem("the refund", available, r.amount());
            }
            default ->
                throw new IllegalStateException(
                    "the hold of refund " + r.id() + " was refused: " + result);
          }
          View view = find(tenantId, r.id()).orElseThrow();
          outbox.append(
              TOPIC,
              r.id().toString(),
              REQUESTED,
              new WithdrawalRequested(
                  r.id(),
                  tenantId,
                  r.amount().toString(),
                  payee(r.destination()),
                  view.expiresAt()));
          return Map.entry(view, true);
        });
  }

  private Map<String, Object> payee(Destination d) {
    Map<String, Object> payee = new LinkedHashMap<>();
    payee.put("type", d.type());
    if (d.address() != null) {
      payee.put("address", d.address());
    } else {
      payee.put("orderId", d.orderId().toString());
      payee.put(
          "providerReference",
          jdbc.queryForObject(
              "select provider_reference from onramp_order where id = ?",
              String.class,
              d.orderId()));
    }
    return payee;
  }

  private void lockRefundableOrder(String tenantId, UUID orderId) {
    List<String> status =
        jdbc.queryForList(
            "select status from onramp_order where id = ? and tenant_id = ? for update",
            String.class,
            orderId,
            tenantId);
    if (status.isEmpty()) {
      throw ApiProblem.notFound("order " + orderId);
    }
    if (!status.getFirst().equals("completed")) {
      throw ApiProblem.conflict(
          "order-not-completed",
          "Order not completed",
          "order " + orderId + " is " + status.getFirst() + "; only completed orders refund");
    }
  }

  /** An on-ramp refund returns at most what the order credited less what is refunded or held. */
  private void checkRefundable(Request r) {
    UUID orderId = r.destination().orderId();
    BigInteger credited =
        jdbc.queryForObject(
                "select tokens from onramp_order where id = ?", BigDecimal.class, orderId)
            .toBigIntegerExact();
    BigInteger taken =
        jdbc.queryForObject(
                "select coalesce(sum(r.amount), 0) from refund r join ledger_transfer t"
                    + " on t.id = r.hold_id where r.order_id = ? and r.id <> ?"
                    + " and t.state in ('open', 'posted')",
                BigDecimal.class,
                orderId,
                r.id())
            .toBigIntegerExact();
    BigInteger refundable = credited.subtract(taken);
    if (r.amount().compareTo(refundable) > 0) {
      throw new ApiProblem(
          HttpStatus.CONFLICT,
          "refund-exceeds-order",
          "Refund exceeds the order",
          "order " + orderId + " can refund at most " + refundable + " more",
          Map.of("refundable", refundable.toString(), "requested", r.amount().toString()));
    }
  }

  /** The chain paid the withdrawal out: posts the hold (runs in the consumer's transaction). */
  boolean confirmed(UUID refundId, String txHash, String expectedType) {
    Optional<Map<String, Object>> row = lock(refundId, expectedType);
    if (row.isEmpty()) {
      return false;
    }
    UUID holdId = (UUID) row.get().get("hold_id");
    TransferResult result =
        ledger
            .submit(
                List.of(
                    TransferRequest.post(FundingIds.refundPost(refundId), holdId, BigInteger.ZERO)))
            .getFirst();
    if (!result.ok()) {
      // paid out after the money went back to the tenant: the platform is short by the amount
      log.error(
          "WITHDRAWAL {} CONFIRMED ({}) BUT ITS HOLD COULD NOT BE POSTED: {}; reconcile by hand",
          refundId,
          txHash,
          result);
    }
    jdbc.update(
        "update refund set tx_hash = ?, resolved_at = coalesce(resolved_at, ?) where id = ?",
        txHash,
        Timestamp.from(clock.instant()),
        refundId);
    return result.ok();
  }

  /** The payout failed: voids the hold, returning the money (runs in the caller's transaction). */
  boolean failed(UUID refundId, String reason, String expectedType) {
    Optional<Map<String, Object>> row = lock(refundId, expectedType);
    if (row.isEmpty()) {
      return false;
    }
    UUID holdId = (UUID) row.get().get("hold_id");
    TransferResult result =
        ledger
            .submit(List.of(TransferRequest.voidHold(FundingIds.refundVoid(refundId), holdId)))
            .getFirst();
    if (result == TransferResult.PENDING_TRANSFER_ALREADY_POSTED) {
      log.error("withdrawal {} reported failed after it was confirmed; left completed", refundId);
      return false;
    }
    jdbc.update(
        "update refund set failure_reason = coalesce(failure_reason, ?),"
            + " resolved_at = coalesce(resolved_at, ?) where id = ?",
        reason,
        Timestamp.from(clock.instant()),
        refundId);
    return result.ok() || result == TransferResult.PENDING_TRANSFER_EXPIRED;
  }

  Onramp.Outcome confirmOnramp(UUID refundId, UUID orderId, String reference) {
    checkOrder(refundId, orderId);
    return confirmed(refundId, reference, "onramp")
        ? Onramp.Outcome.ok("refund-completed")
        : new Onramp.Outcome(
            409, "refund-not-pending", "refund " + refundId + " could not be completed");
  }

  Onramp.Outcome failOnramp(UUID refundId, UUID orderId, String reference) {
    checkOrder(refundId, orderId);
    return failed(refundId, "the provider refused the refund (" + reference + ")", "onramp")
        ? Onramp.Outcome.ok("refund-failed")
        : new Onramp.Outcome(
            409, "refund-not-pending", "refund " + refundId + " was already completed");
  }

  private void checkOrder(UUID refundId, UUID orderId) {
    Integer n =
        jdbc.queryForObject(
            "select count(*) from refund where id = ? and order_id = ?",
            Integer.class,
            refundId,
            orderId);
    if (n == null || n == 0) {
      throw ApiProblem.notFound("refund " + refundId + " of order " + orderId);
    }
  }

  private Optional<Map<String, Object>> lock(UUID refundId, String expectedType) {
    List<Map<String, Object>> rows =
        jdbc.queryForList("select * from refund where id = ? for update", refundId);
    if (rows.isEmpty()) {
      log.warn("a resolution of unknown refund {} was ignored", refundId);
      return Optional.empty();
    }
    if (!Objects.equals(rows.getFirst().get("destination_type"), expectedType)) {
      log.warn("refund {} is not paid out by {}: resolution ignored", refundId, expectedType);
      return Optional.empty();
    }
    return Optional.of(rows.getFirst());
  }

  private static final String SELECT =
      "select r.*, t.state, t.expires_at from refund r join ledger_transfer t on t.id = r.hold_id";

  Optional<View> find(String tenantId, UUID id) {
    return jdbc
        .query(SELECT + " where r.id = ? and r.tenant_id = ?", Refunds::view, id, tenantId)
        .stream()
        .findFirst();
  }

  List<View> of(String tenantId, int limit) {
    return jdbc.query(
        SELECT + " where r.tenant_id = ? order by r.created_at desc, r.id limit ?",
        Refunds::view,
        tenantId,
        limit);
  }

  private static View view(ResultSet rs, int row) throws SQLException {
    String status =
        switch (rs.getString("state")) {
          case "open" -> "pending";
          case "posted" -> "completed";
          case "voided" -> "failed";
          default -> "expired";
        };
    return new View(
        rs.getObject("id", UUID.class),
        status,
        rs.getBigDecimal("amount").toBigIntegerExact().toString(),
        new Destination(
            rs.getString("destination_type"),
            rs.getString("address"),
            rs.getObject("order_id", UUID.class)),
        rs.getString("tx_hash"),
        rs.getString("failure_reason"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("expires_at").toInstant());
  }
}
