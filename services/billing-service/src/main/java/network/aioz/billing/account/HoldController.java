package network.aioz.billing.account;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import network.aioz.billing.ledger.Accounts;
import network.aioz.billing.ledger.Ledger;
import network.aioz.billing.ledger.TransferRequest;
import network.aioz.billing.ledger.TransferResult;
import network.aioz.shared.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Price holds for work about to start (a transcode, an inference): {@code POST /v1/billing/holds}
 * reserves the estimated price on the tenant's account or answers 402 {@code insufficient-funds};
 * usage that names the hold is charged by posting it (the rest is released); {@code POST
 * /v1/billing/holds/{id}/void} releases it when the work is cancelled; a hold nobody resolves
 * expires. Work already holding its price runs to its end whatever happens to the balance.
 */
@RestController
@RequestMapping("/v1/billing/holds")
class HoldController {

  static final Duration MAX_TIMEOUT = Duration.ofDays(30);

  /**
   * @param id the client's idempotency id (UUID); the hold's id
   * @param amount base units to reserve
   * @param timeoutSeconds how long the hold lives unless posted or voided (default 3600)
   * @param service the service the work belongs to (storage, pin, stream, ai)
   * @param reference the work's own id (a task, a job)
   */
  record NewHold(UUID id, String amount, Long timeoutSeconds, String service, String reference) {}

  record HoldView(
      UUID id,
      String state,
      String amount,
      String posted,
      String service,
      String reference,
      Instant expiresAt,
      Instant createdAt) {}

  private static final List<String> SERVICES = List.of("storage", "pin", "stream", "ai");

  private final Tenants tenants;
  private final Accounts accounts;
  private final Ledger ledger;
  private final JdbcTemplate jdbc;

  HoldController(Tenants tenants, Accounts accounts, Ledger ledger, JdbcTemplate jdbc) {
    this.tenants = tenants;
    this.accounts = accounts;
    this.ledger = ledger;
    this.jdbc = jdbc;
  }

  @PostMapping
  ResponseEntity<HoldView> hold(
      HttpServletRequest request, @RequestBody(required = false) NewHold body) {
    String tenantId = tenants.require(request, Tenants.WRITE);
    if (body == null || body.id() == null) {
      throw ApiProblem.badRequest("id (the hold's UUID, chosen by the client) is required");
    }
    BigInteger amount = Amounts.positive(body.amount());
    if (body.service() == null || !SERVICES.contains(body.service())) {
      throw ApiProblem.badRequest("service must be one of " + SERVICES);
    }
    long seconds = body.timeoutSeconds() == null ? 3600 : body.timeoutSeconds();
    if (seconds < 1 || seconds > MAX_TIMEOUT.toSeconds()) {
      throw ApiProblem.badRequest(
          "timeoutSeconds must be from 1 to " + MAX_TIMEOUT.toSeconds() + " (30 days)");
    }
    if (body.reference() != null && body.reference().length() > 200) {
      throw ApiProblem.badRequest("reference must be at most 200 characters");
    }
    String account = Accounts.tenantAccount(tenantId);
    String reference = body.service() + (body.reference() == null ? "" : ":" + body.reference());
    TransferResult result =
        ledger
            .submit(
                List.of(
                    TransferRequest.pending(
                        body.id(),
                        account,
                        Accounts.REVENUE,
                        amount,
                        "hold",
                        Duration.ofSeconds(seconds),
                        reference)))
            .getFirst();
    switch (result) {
      case CREATED, EXISTS -> {
        return ResponseEntity.status(
                result == TransferResult.CREATED ? HttpStatus.CREATED : HttpStatus.OK)
            .body(find(tenantId, body.id()).orElseThrow());
      }
      case EXCEEDS_CREDITS, DEBIT_ACCOUNT_NOT_FOUND ->
          throw InsufficientFunds.problem(
              "a hold of the work's price", accounts.tenantBalance(tenantId).available(), amount);
      case EXISTS_WITH_DIFFERENT_FIELDS ->
          throw ApiProblem.conflict(
              "idempotency-conflict",
              "Hold id already used",
              "hold " + body.id() + " exists with other fields");
      default -> throw ApiProblem.badRequest("the hold was refused: " + result);
    }
  }

  @GetMapping("/{id}")
  HoldView get(HttpServletRequest request, @PathVariable UUID id) {
    String tenantId = tenants.require(request, Tenants.READ);
    return find(tenantId, id).orElseThrow(() -> ApiProblem.notFound("hold " + id));
  }

  /** Releases the hold; voiding a voided hold answers it again, a posted one is 409. */
  @PostMapping("/{id}/void")
  HoldView voidHold(HttpServletRequest request, @PathVariable UUID id) {
    String tenantId = tenants.require(request, Tenants.WRITE);
    HoldView hold = find(tenantId, id).orElseThrow(() -> ApiProblem.notFound("hold " + id));
    if (!hold.state().equals("open")) {
      if (hold.state().equals("voided")) {
        return hold;
      }
      throw ApiProblem.conflict(
          "hold-resolved", "Hold already resolved", "hold " + id + " is " + hold.state());
    }
    UUID voidId =
        UUID.nameUUIDFromBytes(("void:" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    TransferResult result = ledger.submit(List.of(TransferRequest.voidHold(voidId, id))).getFirst();
    if (!result.ok()) {
      HoldView now = find(tenantId, id).orElseThrow();
      throw ApiProblem.conflict(
          "hold-resolved", "Hold already resolved", "hold " + id + " is " + now.state());
    }
    return find(tenantId, id).orElseThrow();
  }

  private Optional<HoldView> find(String tenantId, UUID id) {
    return jdbc
        .query(
            "select h.id, h.state, h.amount, h.reference, h.expires_at, h.created_at,"
                + " (select coalesce(sum(p.amount), 0) from ledger_transfer p"
                + "   where p.pending_id = h.id and p.phase = 'post') as posted"
                + " from ledger_transfer h"
                + " where h.id = ? and h.phase = 'pending' and h.debit_account = ?",
            (rs, i) -> {
              String reference = rs.getString("reference");
              int colon = reference == null ? -1 : reference.indexOf(':');
              Timestamp expires = rs.getTimestamp("expires_at");
              return new HoldView(
                  rs.getObject("id", UUID.class),
                  rs.getString("state"),
                  rs.getBigDecimal("amount").toBigIntegerExact().toString(),
                  rs.getBigDecimal("posted").toBigIntegerExact().toString(),
                  colon < 0 ? reference : reference.substring(0, colon),
                  colon < 0 ? null : reference.substring(colon + 1),
                  expires == null ? null : expires.toInstant(),
                  rs.getTimestamp("created_at").toInstant());
            },
            id,
            Accounts.tenantAccount(tenantId))
        .stream()
        .findFirst();
  }
}
