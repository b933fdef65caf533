package network.aioz.billing.funding;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import network.aioz.shared.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/billing/onramp/webhooks}: the provider's deliveries, authenticated by their
 * Standard Webhooks signature alone (no platform identity). A delivery is handled once: its id is
 * remembered with the answer given, in the transaction of its effect, so a replay gets the same
 * answer and changes nothing.
 */
@RestController
class OnrampWebhooks {

  static final String SECRET = "billing.onramp.webhook-secret";
  private static final Logger log = LoggerFactory.getLogger(OnrampWebhooks.class);

  record Answer(String result) {}

  private final Environment environment;
  private final FundingSettings.Onramp settings;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Onramp onramp;
  private final Refunds refunds;
  private final JsonMapper json;
  private final Clock clock;

  OnrampWebhooks(
      Environment environment,
      FundingSettings.Onramp settings,
      JdbcTemplate jdbc,
      TransactionTemplate tx,
      Onramp onramp,
      Refunds refunds,
      JsonMapper json,
      Clock clock) {
    this.environment = environment;
    this.settings = settings;
    this.jdbc = jdbc;
    this.tx = tx;
    this.onramp = onramp;
    this.refunds = refunds;
    this.json = json;
    this.clock = clock;
  }

  @PostMapping("/v1/billing/onramp/webhooks")
  Answer receive(
      @RequestHeader(value = "webhook-id", required = false) String id,
      @RequestHeader(value = "webhook-timestamp", required = false) String timestamp,
      @RequestHeader(value = "webhook-signature", required = false) String signature,
      @RequestBody(required = false) byte[] body) {
    WebhookSignature verifier = verifier();
    byte[] payload = body == null ? new byte[0] : body;
    String refusal = verifier.refusal(id, timestamp, signature, payload, clock.instant());
    if (refusal != null) {
      log.warn("refused an on-ramp webhook ({}): {}", id, refusal);
      throw ApiProblem.unauthorized(refusal);
    }
    Delivery delivery = parse(payload);
    Onramp.Outcome outcome =
        tx.execute(
            status -> {
              int fresh =
                  jdbc.update(
                      "insert into onramp_webhook (webhook_id, type, status, received_at)"
                          + " values (?, ?, 0, ?) on conflict do nothing",
                      id,
                      delivery.type(),
                      Timestamp.from(clock.instant()));
              if (fresh == 0) {
                int answered =
                    jdbc.queryForObject(
                        "select status from onramp_webhook where webhook_id = ?",
                        Integer.class,
                        id);
                return new Onramp.Outcome(
                    answered, "duplicate", "webhook " + id + " was handled before");
              }
              Onramp.Outcome done = handle(delivery);
              jdbc.update(
                  "update onramp_webhook set status = ? where webhook_id = ?", done.status(), id);
              return done;
            });
    if (outcome.status() == 200) {
      return new Answer(outcome.result());
    }
    // after the commit: a flagged order must stay flagged although the answer is an error
    throw new ApiProblem(
        HttpStatus.valueOf(outcome.status()),
        outcome.result(),
        outcome.status() == 422 ? "Payment does not match the quote" : "Not applicable",
        outcome.detail());
  }

  private Onramp.Outcome handle(Delivery d) {
    return switch (d.type()) {
      case "order.completed" ->
          onramp.completed(d.orderId(), d.fiatAmount(), d.fiatCurrency(), d.providerReference());
      case "order.failed" -> onramp.failed(d.orderId(), d.providerReference());
      case "refund.completed" ->
          refunds.confirmOnramp(d.refundId(), d.orderId(), d.providerReference());
      case "refund.failed" -> refunds.failOnramp(d.refundId(), d.orderId(), d.providerReference());
      default -> throw ApiProblem.badRequest("unknown webhook type " + d.type());
    };
  }

  /** The fields of a delivery this service reads. */
  private record Delivery(
      String type,
      UUID orderId,
      String fiatAmount,
      String fiatCurrency,
      String providerReference,
      UUID refundId) {}

  private Delivery parse(byte[] body) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JacksonException e) {
      throw ApiProblem.badRequest("the body is not JSON");
    }
    if (root == null || !root.isObject() || !root.path("data").isObject()) {
      throw ApiProblem.badRequest("the body must be {type, data: {orderId, ...}}");
    }
    String type = root.path("type").asString("");
    JsonNode data = root.path("data");
    UUID orderId = uuid(data, "orderId");
    UUID refundId = type.startsWith("refund.") ? uuid(data, "refundId") : null;
    return new Delivery(
        type,
        orderId,
        data.path("fiatAmount").isString() ? data.path("fiatAmount").asString() : null,
        data.path("fiatCurrency").isString() ? data.path("fiatCurrency").asString() : null,
        data.path("providerReference").isString()
            ? data.path("providerReference").asString()
            : null,
        refundId);
  }

  private static UUID uuid(JsonNode data, String field) {
    try {
      return UUID.fromString(data.path(field).asString(""));
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("data." + field + " must be a UUID");
    }
  }

  /**
   * The secret is looked up per delivery rather than once at startup, so that a secret rotated in a
   * refreshed property source (a mounted Kubernetes secret) is used without a restart.
   */
  private WebhookSignature verifier() {
    String secret = environment.getProperty(SECRET, "");
    if (secret.isBlank()) {
      throw new ApiProblem(
          HttpStatus.SERVICE_UNAVAILABLE,
          "webhooks-not-configured",
          "On-ramp webhooks are not configured",
          SECRET + " (env BILLING_ONRAMP_WEBHOOK_SECRET) is not set");
    }
    try {
      return new WebhookSignature(secret, settings.webhookTolerance());
    } catch (IllegalArgumentException e) {
      log.error("{} is not a whsec_<base64> secret", SECRET);
      throw new ApiProblem(
          HttpStatus.SERVICE_UNAVAILABLE,
          "webhooks-not-configured",
          "On-ramp webhooks are not configured",
          SECRET + " is malformed");
    }
  }
}
