package network.aioz.chain.withdrawal;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import network.aioz.shared.event.MalformedEventException;
import tools.jackson.databind.JsonNode;

/**
 * Billing's {@code WithdrawalRequested} to a chain address, checked: what to pay, to whom, and by
 * when (billing's hold expires then).
 *
 * @param address lower-case 0x address
 * @param amount base units, 1 to 2^256-1
 * @param expiresAt to the microsecond, as the database keeps it
 */
record WithdrawalRequest(
    UUID refundId, String tenantId, String address, BigInteger amount, Instant expiresAt) {

  static final BigInteger MAX_AMOUNT = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final Pattern AMOUNT = Pattern.compile("[1-9][0-9]{0,77}");

  /**
   * The request in {@code data}, or empty when it is not the adapter's to pay (an on-ramp refund,
   * which the on-ramp provider pays).
   *
   * @throws MalformedEventException when the data does not say exactly what to pay
   */
  static Optional<WithdrawalRequest> parse(JsonNode data) {
    if (data == null || !data.isObject()) {
      throw new MalformedEventException("the event's data is not a JSON object");
    }
    JsonNode destination = data.path("destination");
    String type = text(destination, "type", "destination.type");
    if ("onramp".equals(type)) {
      return Optional.empty();
    }
    if (!"chain".equals(type)) {
      throw new MalformedEventException(
          "destination.type " + type + " is neither chain nor onramp");
    }
    UUID refundId;
    try {
      refundId = UUID.fromString(text(data, "refundId", "refundId"));
    } catch (IllegalArgumentException e) {
      throw new MalformedEventException("refundId is not a UUID");
    }
    String tenantId = text(data, "tenantId", "tenantId");
    String address = text(destination, "address", "destination.address");
    if (!ADDRESS.matcher(address).matches()) {
      throw new MalformedEventException("destination.address is not a 0x-prefixed 20-byte address");
    }
    String amount = text(data, "amount", "amount");
    if (!AMOUNT.matcher(amount).matches() || new BigInteger(amount).compareTo(MAX_AMOUNT) > 0) {
      throw new MalformedEventException(
          "amount " + amount + " is not an integer of base units from 1 to 2^256-1");
    }
    return Optional.of(
        new WithdrawalRequest(
            refundId,
            tenantId,
            address.toLowerCase(Locale.ROOT),
            new BigInteger(amount),
            expiresAt(data.path("expiresAt"))));
  }

  private static String text(JsonNode node, String field, String name) {
    JsonNode value = node.path(field);
    if (!value.isString() || value.asString().isBlank()) {
      throw new MalformedEventException(name + " is missing or not a string");
    }
    return value.asString();
  }

  /** An ISO-8601 instant, or seconds since the epoch (Jackson's numeric form of an instant). */
  private static Instant expiresAt(JsonNode value) {
    try {
      Instant at;
      if (value.isString()) {
        at = Instant.parse(value.asString());
      } else if (value.isNumber()) {
        java.math.BigDecimal seconds = value.decimalValue();
        at =
            Instant.ofEpochSecond(
                seconds.longValue(),
                seconds.remainder(java.math.BigDecimal.ONE).movePointRight(9).longValue());
      } else {
        throw new MalformedEventException("expiresAt is missing");
      }
      return at.truncatedTo(ChronoUnit.MICROS);
    } catch (DateTimeException | ArithmeticException e) {
      throw new MalformedEventException("expiresAt is not an instant: " + value);
    }
  }
}
