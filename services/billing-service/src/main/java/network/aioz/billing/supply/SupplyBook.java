package network.aioz.billing.supply;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import network.aioz.billing.economics.BurnInputs;
import network.aioz.billing.economics.SupplyPolicy;
import network.aioz.billing.economics.SupplyReport;
import network.aioz.billing.ledger.Accounts;
import network.aioz.billing.ledger.Ledger;
import network.aioz.billing.ledger.TransferRequest;
import network.aioz.billing.ledger.TransferResult;
import network.aioz.shared.amount.TokenAmount;
import network.aioz.shared.outbox.Outbox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Settles a closed period's supply (whitepaper §3.2): mints {@code M_t} on the supply at the
 * period's start ({@code platform:mint} → validators, treasury), burns the revenue terms of {@code
 * B_t} ({@code platform:treasury} → {@code platform:burn}; the chain-fee term {@code 0.50·F_chain}
 * is burned on chain and only reported), stores the supply report and announces it as {@code
 * PeriodSettled} on {@code billing.period} — all in one transaction, once per period, in period
 * order (a period's supply at start is the previous period's supply at end).
 */
@Component
public class SupplyBook {

  public static final String TOPIC = "billing.period";
  public static final String SETTLED = "network.aioz.billing.PeriodSettled";

  /** One stored report, as the API and the event show it (amounts in base units). */
  public record Report(
      String period,
      Instant from,
      Instant to,
      String supplyAtStart,
      String minted,
      String mintedToValidators,
      String mintedToTreasury,
      List<AppliedRateView> rates,
      String chainFees,
      Map<String, String> revenue,
      Map<String, String> burned,
      String burnedTotal,
      String burnedInLedger,
      String netChange,
      String supplyAtEnd,
      Map<String, String> partyTotals,
      Instant settledAt) {}

  /** An inflation rate over part of the period. */
  public record AppliedRateView(Instant from, Instant to, int rateBps) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Ledger ledger;
  private final Outbox outbox;
  private final JsonMapper json;
  private final SupplyPolicy policy;
  private final RevenueCategories categories;
  private final BigInteger initialSupply;
  private final java.time.Clock clock;

  SupplyBook(
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      Ledger ledger,
      Outbox outbox,
      JsonMapper json,
      RevenueCategories categories,
      java.time.Clock clock,
      @Value("${billing.supply.initial:1000000000000000000000000000}") BigInteger initialSupply) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.ledger = ledger;
    this.outbox = outbox;
    this.json = json;
    this.policy = SupplyPolicy.WHITEPAPER;
    this.categories = categories;
    this.initialSupply = initialSupply;
    this.clock = clock;
  }

  /**
   * Settles {@code income}'s period unless it was settled before (then the stored report); joins
   * the caller's transaction if there is one.
   *
   * @throws IllegalStateException when the period does not follow the last settled one, or the
   *     treasury cannot cover the burn (nothing is written; the caller retries later)
   */
  public Report settle(PeriodIncome income) {
    return transactions.execute(status -> settleInTransaction(income));
  }

  private Report settleInTransaction(PeriodIncome income) {
    // one settlement at a time: the supply chain of reports must not fork
    jdbc.queryForObject("select pg_advisory_xact_lock(hashtext('billing.supply'))", Object.class);
    Optional<Report> done = find(income.period());
    if (done.isPresent()) {
      return done.get();
    }
    Optional<Report> last = latest();
    BigInteger supplyAtStart = initialSupply;
    if (last.isPresent()) {
      if (!last.get().to().equals(income.from())) {
        throw new IllegalStateException(
            "period "
                + income.period()
                + " starts at "
                + income.from()
                + " but the last settled period "
                + last.get().period()
                + " ends at "
                + last.get().to());
      }
      supplyAtStart = new BigInteger(last.get().supplyAtEnd());
    }
    BigInteger chainFees = chainFees(income.period(), income.to());
    Map<RevenueCategories.Category, BigInteger> byCategory = categories.sum(income);
    SupplyReport report =
        policy.report(
            TokenAmount.ofBaseUnits(supplyAtStart),
            income.from(),
            income.to(),
            new BurnInputs(
                TokenAmount.ofBaseUnits(chainFees),
                TokenAmount.ofBaseUnits(byCategory.get(RevenueCategories.Category.DEPIN)),
                TokenAmount.ofBaseUnits(byCategory.get(RevenueCategories.Category.INFRA)),
                TokenAmount.ofBaseUnits(byCategory.get(RevenueCategories.Category.DAPP))));
    BigInteger ledgerBurn =
        report
            .burned()
            .total()
            .baseUnits()
            .subtract(report.burned().chainFees().burned().baseUnits());
    List<TransferRequest> transfers = new ArrayList<>();
    // minting first: the treasury's new tokens may be what covers the burn
    addIfPositive(
        transfers,
        id(income.period(), "mint-validators"),
        Accounts.MINT,
        Accounts.VALIDATORS,
        report.minting().toValidators().baseUnits(),
        "mint",
        income.period());
    addIfPositive(
        transfers,
        id(income.period(), "mint-treasury"),
        Accounts.MINT,
        Accounts.TREASURY,
        report.minting().toTreasury().baseUnits(),
        "mint",
        income.period());
    addIfPositive(
        transfers,
        id(income.period(), "burn"),
        Accounts.TREASURY,
        Accounts.BURN,
        ledgerBurn,
        "burn",
        income.period());
    List<TransferResult> results = ledger.submit(transfers, true);
    if (results.stream().anyMatch(r -> !r.ok())) {
      throw new IllegalStateException(
          "the supply transfers of period " + income.period() + " were refused: " + results);
    }
    Report stored = toReport(income, report, chainFees, ledgerBurn, clock.instant());
    jdbc.update(
        "insert into supply_report (period, starts_at, ends_at, supply_at_start, minted, burned,"
            + " supply_at_end, report, settled_at) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)",
        income.period(),
        Timestamp.from(income.from()),
        Timestamp.from(income.to()),
        new BigDecimal(supplyAtStart),
        new BigDecimal(report.minting().minted().baseUnits()),
        new BigDecimal(report.burned().total().baseUnits()),
        new BigDecimal(report.supplyAtEnd().baseUnits()),
        json.writeValueAsString(stored),
        Timestamp.from(stored.settledAt()));
    outbox.append(TOPIC, income.period(), SETTLED, stored);
    return stored;
  }

  private static void addIfPositive(
      List<TransferRequest> transfers,
      UUID id,
      String debit,
      String credit,
      BigInteger amount,
      String code,
      String period) {
    if (amount.signum() > 0) {
      transfers.add(TransferRequest.posted(id, debit, credit, amount, code, "period:" + period));
    }
  }

  static UUID id(String period, String what) {
    return UUID.nameUUIDFromBytes(
        ("supply:" + period + ":" + what).getBytes(StandardCharsets.UTF_8));
  }

  private Report toReport(
      PeriodIncome income,
      SupplyReport report,
      BigInteger chainFees,
      BigInteger ledgerBurn,
      Instant at) {
    Map<String, String> revenue = new TreeMap<>();
    income.revenueByService().forEach((k, v) -> revenue.put(k, v.toString()));
    Map<String, String> burned = new LinkedHashMap<>();
    burned.put("chainFees", report.burned().chainFees().burned().baseUnits().toString());
    burned.put("depinRevenue", report.burned().depinRevenue().burned().baseUnits().toString());
    burned.put("infraRevenue", report.burned().infraRevenue().burned().baseUnits().toString());
    burned.put("dappRevenue", report.burned().dappRevenue().burned().baseUnits().toString());
    Map<String, String> parties = new TreeMap<>();
    income.partyTotals().forEach((k, v) -> parties.put(k, v.toString()));
    return new Report(
        income.period(),
        income.from(),
        income.to(),
        report.minting().supplyAtStart().baseUnits().toString(),
        report.minting().minted().baseUnits().toString(),
        report.minting().toValidators().baseUnits().toString(),
        report.minting().toTreasury().baseUnits().toString(),
        report.minting().rates().stream()
            .map(r -> new AppliedRateView(r.from(), r.to(), r.rateBps()))
            .toList(),
        chainFees.toString(),
        revenue,
        burned,
        report.burned().total().baseUnits().toString(),
        ledgerBurn.toString(),
        report.netChange().toString(),
        report.supplyAtEnd().baseUnits().toString(),
        parties,
        at);
  }

  /**
   * Σ of the chain fees of blocks before {@code to} not yet counted by an earlier period, now
   * counted by this one: a block reported after its own period was settled counts in the next.
   */
  private BigInteger chainFees(String period, Instant to) {
    BigDecimal sum =
        jdbc.queryForObject(
            "with counted as (update chain_fee set settled_period = ?"
                + " where settled_period is null and block_time < ? returning amount)"
                + " select coalesce(sum(amount), 0) from counted",
            BigDecimal.class,
            period,
            Timestamp.from(to));
    return sum.toBigIntegerExact();
  }

  public Optional<Report> find(String period) {
    return jdbc
        .query(
            "select report::text from supply_report where period = ?",
            (rs, i) -> json.readValue(rs.getString(1), Report.class),
            period)
        .stream()
        .findFirst();
  }

  public Optional<Report> latest() {
    return reports(1).stream().findFirst();
  }

  /** The newest {@code limit} reports, newest first. */
  public List<Report> reports(int limit) {
    return jdbc.query(
        "select report::text from supply_report order by ends_at desc limit ?",
        (rs, i) -> json.readValue(rs.getString(1), Report.class),
        limit);
  }
}
