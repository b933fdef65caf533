package network.aioz.chain.settlement;

import java.math.BigInteger;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import network.aioz.shared.event.MalformedEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Takes the two halves of an epoch's settlement from their producers' events: the task ledger's
 * {@code EpochSealed} (receipts root, the sealed epoch before it) and billing's {@code
 * RewardsSealed} (rewards root, fee totals). A report that contradicts what is stored changes
 * nothing and is logged; a malformed one is refused with {@link MalformedEventException} (the
 * listener parks it at once).
 */
@Component
class SealedEvents {

  private static final Pattern ROOT = Pattern.compile("0x[0-9a-fA-F]{64}");
  private static final Logger log = LoggerFactory.getLogger(SealedEvents.class);

  private final SettlementRepository repository;
  private final Clock clock;

  SealedEvents(SettlementRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  /**
   * The ledger's {@code EpochSealed}: {@code {epoch, root, receiptCount, previousEpoch, sealedAt}}.
   */
  void epochSealed(JsonNode data) {
    long epoch = epoch(data);
    String root = root(data, "root");
    JsonNode previous = data.path("previousEpoch");
    Long previousEpoch = null;
    if (previous.isIntegralNumber()) {
      previousEpoch = previous.asLong();
      if (previousEpoch < 0 || previousEpoch >= epoch) {
        throw new MalformedEventException(
            "EpochSealed " + epoch + " names previousEpoch " + previousEpoch);
      }
    } else if (!previous.isMissingNode() && !previous.isNull()) {
      throw new MalformedEventException("EpochSealed previousEpoch is not an integer");
    }
    int receipts =
        data.path("receiptCount").isIntegralNumber() ? data.path("receiptCount").asInt() : 0;
    java.time.Instant sealedAt = null;
    if (data.path("sealedAt").isString()) {
      try {
        sealedAt = java.time.Instant.parse(data.path("sealedAt").asString());
      } catch (java.time.format.DateTimeParseException e) {
        throw new MalformedEventException("EpochSealed sealedAt is not an ISO-8601 instant");
      }
    }
    Optional<String> conflict =
        repository.receipts(epoch, previousEpoch, root, receipts, sealedAt, clock.instant());
    conflict.ifPresent(
        stored ->
            log.error(
                "CONFLICTING EPOCH REPORT: epoch {} sealed with receipts root {}, but {} is stored;"
                    + " nothing changed",
                epoch,
                root,
                stored));
  }

  /** Billing's {@code RewardsSealed}: {@code {epoch, root, fees{creators,...,burned}}}. */
  void rewardsSealed(JsonNode data) {
    long epoch = epoch(data);
    String root = root(data, "root");
    JsonNode fees = data.path("fees");
    if (!fees.isObject()) {
      // committed on chain for good: a report without its fee totals is not taken as zero fees
      throw new MalformedEventException("RewardsSealed " + epoch + " carries no fee totals");
    }
    FeeTotals totals =
        new FeeTotals(
            amount(fees, "creators"),
            amount(fees, "edges"),
            amount(fees, "validators"),
            amount(fees, "treasury"),
            amount(fees, "burned"));
    Optional<String> conflict = repository.rewards(epoch, root, totals, clock.instant());
    conflict.ifPresent(
        stored ->
            log.error(
                "CONFLICTING REWARDS REPORT: epoch {} sealed with rewards root {}, but {} is"
                    + " stored; nothing changed",
                epoch,
                root,
                stored));
  }

  private static long epoch(JsonNode data) {
    if (data == null || !data.isObject()) {
      throw new MalformedEventException("the event's data is not a JSON object");
    }
    JsonNode epoch = data.path("epoch");
    if (!epoch.isIntegralNumber() || epoch.asLong() < 0) {
      throw new MalformedEventException("epoch is missing or not a non-negative integer");
    }
    return epoch.asLong();
  }

  private static String root(JsonNode data, String field) {
    JsonNode root = data.path(field);
    if (!root.isString() || !ROOT.matcher(root.asString()).matches()) {
      throw new MalformedEventException(field + " is not a 0x-prefixed 32-byte hex root");
    }
    return root.asString().toLowerCase(java.util.Locale.ROOT);
  }

  private static final BigInteger MAX_UINT256 =
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  private static BigInteger amount(JsonNode fees, String field) {
    JsonNode value = fees.path(field);
    if (!value.isString() || !value.asString().matches("0|[1-9][0-9]{0,77}")) {
      throw new MalformedEventException("fees." + field + " is not a decimal string of base units");
    }
    BigInteger amount = new BigInteger(value.asString());
    if (amount.compareTo(MAX_UINT256) > 0) {
      throw new MalformedEventException("fees." + field + " exceeds uint256");
    }
    return amount;
  }
}
