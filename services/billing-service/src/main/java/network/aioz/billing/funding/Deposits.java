package network.aioz.billing.funding;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import network.aioz.billing.account.Payments;
import network.aioz.billing.ledger.Accounts;
import network.aioz.billing.ledger.Ledger;
import network.aioz.billing.ledger.TransferRequest;
import network.aioz.billing.ledger.TransferResult;
import network.aioz.shared.amount.TokenAmount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Credits confirmed on-chain deposits: one deposit log (chain, transaction, log index) is credited
 * once, whichever event reported it and however often. A report that disagrees with the one
 * credited (another tenant or amount for the same log) credits nothing and is kept as a conflict;
 * an invalid report is kept as rejected.
 */
@Component
public class Deposits {

  private static final Logger log = LoggerFactory.getLogger(Deposits.class);
  private static final Pattern TX_HASH = Pattern.compile("0x[0-9a-fA-F]{64}");
  private static final Pattern BLOCK_HASH = Pattern.compile("0x[0-9a-fA-F]{64}");
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final Pattern BASE_UNITS = Pattern.compile("[0-9]{1,78}");

  /** What became of one report. */
  public enum Outcome {
    CREDITED,
    DUPLICATE,
    CONFLICT,
    REJECTED
  }

  /** A validated {@code DepositConfirmed}. */
  record Deposit(
      long chainId,
      String txHash,
      int logIndex,
      long blockNumber,
      String blockHash,
      String from,
      String tenantId,
      BigInteger amount,
      Long confirmations) {

    String reference() {
      return chainId + ":" + txHash + ":" + logIndex;
    }
  }

  /** A deposit as its tenant sees it. */
  record View(
      long chainId,
      String txHash,
      int logIndex,
      long blockNumber,
      String from,
      String amount,
      UUID transferId,
      Instant creditedAt) {}

  private final JdbcTemplate jdbc;
  private final Ledger ledger;
  private final Accounts accounts;
  private final Payments payments;
  private final Clock clock;

  Deposits(JdbcTemplate jdbc, Ledger ledger, Accounts accounts, Payments payments, Clock clock) {
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.accounts = accounts;
    this.payments = payments;
    this.clock = clock;
  }

  /** Handles one report; must run in the transaction that records the event as processed. */
  public Outcome confirmed(String eventId, JsonNode data) {
    Deposit deposit;
    try {
      deposit = parse(data);
    } catch (IllegalArgumentException e) {
      log.warn("rejected deposit event {}: {}", eventId, e.getMessage());
      reject("invalid", eventId, data, e.getMessage());
      return Outcome.REJECTED;
    }
    UUID transferId = FundingIds.deposit(deposit.chainId(), deposit.txHash(), deposit.logIndex());
    int inserted =
        jdbc.update(
            "insert into deposit (chain_id, tx_hash, log_index, tenant_id, amount, block_number,"
                + " block_hash, from_address, confirmations, transfer_id, event_id, credited_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
            deposit.chainId(),
            deposit.txHash(),
            deposit.logIndex(),
            deposit.tenantId(),
            new BigDecimal(deposit.amount()),
            deposit.blockNumber(),
            deposit.blockHash(),
            deposit.from(),
            deposit.confirmations(),
            transferId,
            eventId,
            Timestamp.from(clock.instant()));
    if (inserted == 0) {
      return sameAsCredited(eventId, data, deposit);
    }
    String account = accounts.openTenant(deposit.tenantId());
    TransferResult result =
        ledger
            .submit(
                List.of(
                    TransferRequest.posted(
                        transferId,
                        Accounts.DEPOSITS,
                        account,
                        deposit.amount(),
                        "deposit",
                        deposit.reference())),
                false,
                results -> {
                  if (results.getFirst() == TransferResult.CREATED) {
                    payments.received(
                        deposit.tenantId(), transferId, deposit.amount(), "deposit", account);
                  }
                })
            .getFirst();
    if (!result.ok()) {
      // the deposit row is new, so its transfer cannot exist: the ledger is not as we know it
      throw new IllegalStateException(
          "deposit " + deposit.reference() + " was refused by the ledger: " + result);
    }
    return Outcome.CREDITED;
  }

  private Outcome sameAsCredited(String eventId, JsonNode data, Deposit deposit) {
    var credited =
        jdbc.queryForMap(
            "select tenant_id, amount from deposit where chain_id = ? and tx_hash = ?"
                + " and log_index = ?",
            deposit.chainId(),
            deposit.txHash(),
            deposit.logIndex());
    String tenant = (String) credited.get("tenant_id");
    BigInteger amount = ((BigDecimal) credited.get("amount")).toBigIntegerExact();
    if (tenant.equals(deposit.tenantId()) && amount.equals(deposit.amount())) {
      log.debug("deposit {} reported again by event {}", deposit.reference(), eventId);
      return Outcome.DUPLICATE;
    }
    String reason =
        "deposit "
            + deposit.reference()
            + " was credited as "
            + amount
            + " to "
            + tenant
            + " but event "
            + eventId
            + " reports "
            + deposit.amount()
            + " to "
            + deposit.tenantId();
    // a chain reorganisation or a bug in the chain adapter: someone must reconcile it by hand
    log.error("CONFLICTING DEPOSIT REPORT, nothing credited: {}", reason);
    reject("conflict", eventId, data, reason);
    return Outcome.CONFLICT;
  }

  private void reject(String kind, String eventId, JsonNode data, String reason) {
    JsonNode d = data == null ? tools.jackson.databind.node.MissingNode.getInstance() : data;
    jdbc.update(
        "insert into deposit_rejection (kind, event_id, chain_id, tx_hash, log_index, tenant_id,"
            + " amount, reason, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        kind,
        eventId,
        d.path("chainId").canConvertToLong() ? d.path("chainId").asLong() : null,
        textOrNull(d.path("txHash")),
        d.path("logIndex").canConvertToInt() ? d.path("logIndex").asInt() : null,
        textOrNull(d.path("tenantId")),
        d.path("amount").isValueNode() ? d.path("amount").asString() : null,
        reason,
        Timestamp.from(clock.instant()));
  }

  private static String textOrNull(JsonNode node) {
    return node.isString() ? node.asString().toLowerCase(Locale.ROOT) : null;
  }

  /** The tenant's deposits, newest first. */
  List<View> of(String tenantId, int limit) {
    return jdbc.query(
        "select * from deposit where tenant_id = ? order by credited_at desc, block_number desc,"
            + " log_index desc limit ?",
        (rs, i) ->
            new View(
                rs.getLong("chain_id"),
                rs.getString("tx_hash"),
                rs.getInt("log_index"),
                rs.getLong("block_number"),
                rs.getString("from_address"),
                rs.getBigDecimal("amount").toBigIntegerExact().toString(),
                rs.getObject("transfer_id", UUID.class),
                rs.getTimestamp("credited_at").toInstant()),
        tenantId,
        limit);
  }

  /** Checks every field of a report; the message names what is wrong. */
  static Deposit parse(JsonNode data) {
    if (data == null || !data.isObject()) {
      throw new IllegalArgumentException("data is not a JSON object");
    }
    long chainId = positiveLong(data, "chainId");
    String txHash = text(data, "txHash", TX_HASH);
    JsonNode logIndex = data.path("logIndex");
    if (!logIndex.isIntegralNumber() || !logIndex.canConvertToInt() || logIndex.asInt() < 0) {
      throw new IllegalArgumentException("logIndex must be a non-negative integer: " + logIndex);
    }
    long blockNumber = positiveLong(data, "blockNumber");
    String blockHash =
        data.path("blockHash").isMissingNode() || data.path("blockHash").isNull()
            ? null
            : text(data, "blockHash", BLOCK_HASH);
    String from = text(data, "from", ADDRESS);
    JsonNode tenant = data.path("tenantId");
    if (!tenant.isString() || tenant.asString().isBlank()) {
      throw new IllegalArgumentException("tenantId is missing");
    }
    JsonNode amountNode = data.path("amount");
    if (!amountNode.isString() || !BASE_UNITS.matcher(amountNode.asString()).matches()) {
      throw new IllegalArgumentException(
          "amount must be a decimal string of base units: " + amountNode);
    }
    BigInteger amount = new BigInteger(amountNode.asString());
    if (amount.signum() <= 0 || amount.compareTo(TokenAmount.MAX_BASE_UNITS) > 0) {
      throw new IllegalArgumentException("amount must be from 1 to 2^256 - 1: " + amount);
    }
    JsonNode confirmations = data.path("confirmations");
    return new Deposit(
        chainId,
        txHash.toLowerCase(Locale.ROOT),
        logIndex.asInt(),
        blockNumber,
        blockHash == null ? null : blockHash.toLowerCase(Locale.ROOT),
        from.toLowerCase(Locale.ROOT),
        tenant.asString(),
        amount,
        confirmations.canConvertToLong() ? confirmations.asLong() : null);
  }

  private static long positiveLong(JsonNode data, String field) {
    JsonNode node = data.path(field);
    if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
      throw new IllegalArgumentException(field + " must be a non-negative integer: " + node);
    }
    return node.asLong();
  }

  private static String text(JsonNode data, String field, Pattern pattern) {
    JsonNode node = data.path(field);
    if (!node.isString() || !pattern.matcher(node.asString()).matches()) {
      throw new IllegalArgumentException(field + " is malformed: " + node);
    }
    return node.asString();
  }
}
