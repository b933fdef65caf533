package network.aioz.billing.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import network.aioz.billing.BillingIntegrationTest;
import network.aioz.billing.TopUps;
import network.aioz.billing.account.Obligations;
import network.aioz.billing.account.Standing;
import network.aioz.billing.ledger.Accounts;
import network.aioz.billing.ledger.Ledger;
import network.aioz.billing.ledger.TransferRequest;
import network.aioz.billing.ledger.TransferResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The charge run against the real ledger; usage recorded as the consumer records a poll. */
@BillingIntegrationTest
class ChargingIntegrationTests {

  /** ai inference-unit, version 1: 0.001 AIOZ each. */
  static final BigInteger UNIT_PRICE = new BigInteger("1000000000000000");

  @Autowired Ingestion ingestion;
  @Autowired Charging charging;
  @Autowired PeriodCloser closer;
  @Autowired Ledger ledger;
  @Autowired Accounts accounts;
  @Autowired Obligations obligations;
  @Autowired Standing standing;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;

  private void topUp(String tenant, BigInteger amount) {
    TopUps.topUp(ledger, accounts, tenant, amount);
  }

  private BigInteger available(String tenant) {
    return accounts.tenantBalance(tenant).available();
  }

  private void use(String tenant, long units, Instant at, String creator, UUID hold) {
    ingestion.record(
        UsageEventFixtures.poll(
            UsageEventFixtures.usage(
                tenant, "ai", "inference-unit", Long.toString(units), at, creator, hold)));
  }

  private BigInteger sum(String sql, Object... args) {
    return jdbc.queryForObject(sql, java.math.BigDecimal.class, args).toBigIntegerExact();
  }

  @Test
  void chargesTheExactPriceAndSplitsItExactlyWithTheRuleId() {
    String tenant = "t-" + UUID.randomUUID();
    String creator = "c-" + UUID.randomUUID();
    Instant at = UsageEventFixtures.ownMonth();
    String period = UsageEventFixtures.monthId(at);
    topUp(tenant, new BigInteger("5000000000000000000"));
    use(tenant, 1234, at, creator, null);

    assertThat(charging.chargeTenant(tenant, null)).isTrue();

    BigInteger price = UNIT_PRICE.multiply(BigInteger.valueOf(1234));
    assertThat(available(tenant)).isEqualTo(new BigInteger("5000000000000000000").subtract(price));
    String reference = period + "/ai/inference-unit/eu";
    assertThat(
            sum(
                "select sum(amount) from ledger_transfer where code = 'charge' and debit_account"
                    + " = ? and reference = ?",
                Accounts.tenantAccount(tenant),
                reference))
        .isEqualTo(price);
    List<Map<String, Object>> splits =
        jdbc.queryForList(
            "select credit_account, amount, split_rule from ledger_transfer where code = 'split'"
                + " and debit_account = 'platform:revenue' and reference = ? and id in (select"
                + " id from ledger_transfer where credit_account = ? or credit_account like"
                + " 'platform:%')",
            reference, Accounts.tenantAccount(creator));
    BigInteger creatorShare = available(creator);
    assertThat(creatorShare)
        .as("ai-v1 gives the creator 10%")
        .isEqualTo(price.divide(BigInteger.TEN));
    assertThat(splits).allSatisfy(s -> assertThat(s.get("split_rule")).isEqualTo("ai-v1"));
    Map<String, Object> row =
        jdbc.queryForMap(
            "select due, charged, paid_creator + paid_edges + paid_validators + paid_treasury as"
                + " paid, paid_edges from metering_usage where tenant_id = ?",
            tenant);
    assertThat(row.get("due")).isEqualTo(new java.math.BigDecimal(price));
    assertThat(row.get("charged")).isEqualTo(new java.math.BigDecimal(price));
    assertThat(row.get("paid")).as("splits sum exactly").isEqualTo(new java.math.BigDecimal(price));
    assertThat(((java.math.BigDecimal) row.get("paid_edges")).toBigIntegerExact())
        .isEqualTo(price.multiply(BigInteger.valueOf(6)).divide(BigInteger.TEN));

    // more usage: only the increment is charged
    use(tenant, 1, at, creator, null);
    charging.chargeTenant(tenant, null);
    assertThat(available(tenant))
        .isEqualTo(new BigInteger("5000000000000000000").subtract(price).subtract(UNIT_PRICE));
  }

  @Test
  void aRepeatedOrCrashedAndRerunChargeNeverChargesTwice() {
    String tenant = "t-" + UUID.randomUUID();
    Instant at = UsageEventFixtures.ownMonth();
    BigInteger funds = new BigInteger("1000000000000000000");
    topUp(tenant, funds);
    use(tenant, 10, at, null, null);

    // a run that dies before it commits leaves nothing behind
    transactions.executeWithoutResult(
        status -> {
          charging.chargeTenant(tenant, null);
          status.setRollbackOnly();
        });
    assertThat(available(tenant)).isEqualTo(funds);

    charging.chargeTenant(tenant, null);
    assertThat(charging.chargeTenant(tenant, null)).as("nothing left to charge").isFalse();
    charging.run();
    BigInteger price = UNIT_PRICE.multiply(BigInteger.TEN);
    assertThat(available(tenant)).isEqualTo(funds.subtract(price));
    assertThat(
            jdbc.queryForObject(
                "select count(*) from ledger_transfer where code = 'charge' and debit_account = ?",
                Long.class,
                Accounts.tenantAccount(tenant)))
        .isEqualTo(1);
  }

  @Test
  void whatTheBalanceCannotCoverIsOwedAndPaidFirstWhenMoneyArrives() {
    String tenant = "t-" + UUID.randomUUID();
    Instant at = UsageEventFixtures.ownMonth();
    BigInteger funds = UNIT_PRICE.multiply(BigInteger.valueOf(3));
    topUp(tenant, funds);
    use(tenant, 5, at, null, null);

    charging.chargeTenant(tenant, null);
    BigInteger owed = UNIT_PRICE.multiply(BigInteger.TWO);
    assertThat(available(tenant)).isZero();
    assertThat(obligations.outstanding(List.of(tenant))).containsEntry(tenant, owed);
    assertThat(standing.of(tenant).funded()).isFalse();
    Map<String, Object> row =
        jdbc.queryForMap("select due, charged from metering_usage where tenant_id = ?", tenant);
    assertThat(row.get("due"))
        .isEqualTo(new java.math.BigDecimal(UNIT_PRICE.multiply(BigInteger.valueOf(5))));
    assertThat(row.get("charged")).isEqualTo(new java.math.BigDecimal(funds));

    // more usage while broke: owed grows without money moving, the standing is re-judged
    use(tenant, 1, at, null, null);
    charging.chargeTenant(tenant, null);
    assertThat(obligations.outstanding(List.of(tenant)))
        .containsEntry(tenant, owed.add(UNIT_PRICE));

    topUp(tenant, new BigInteger("1000000000000000000"));
    assertThat(standing.of(tenant).funded()).as("money that arrives pays the debt first").isTrue();
    charging.chargeTenant(tenant, null);
    assertThat(obligations.outstanding(List.of(tenant))).doesNotContainKey(tenant);
    assertThat(available(tenant))
        .isEqualTo(new BigInteger("1000000000000000000").subtract(owed).subtract(UNIT_PRICE));
    assertThat(standing.of(tenant).funded()).isTrue();
  }

  @Test
  void usageWithAHoldPostsTheHoldAndChargesWhatItDoesNotCoverFromTheBalance() {
    String tenant = "t-" + UUID.randomUUID();
    Instant at = UsageEventFixtures.ownMonth();
    BigInteger funds = new BigInteger("1000000000000000000");
    topUp(tenant, funds);
    UUID small = hold(tenant, UNIT_PRICE.multiply(BigInteger.valueOf(100)));
    UUID large = hold(tenant, UNIT_PRICE.multiply(BigInteger.valueOf(50)));
    use(tenant, 40, at, null, large);
    use(tenant, 130, at, null, small);

    charging.chargeTenant(tenant, null);

    assertThat(holdState(large)).isEqualTo("posted");
    assertThat(holdState(small)).isEqualTo("posted");
    assertThat(
            sum(
                "select amount from ledger_transfer where pending_id = ? and phase = 'post'",
                large))
        .as("the price, the rest of the hold released")
        .isEqualTo(UNIT_PRICE.multiply(BigInteger.valueOf(40)));
    assertThat(
            sum(
                "select amount from ledger_transfer where pending_id = ? and phase = 'post'",
                small))
        .isEqualTo(UNIT_PRICE.multiply(BigInteger.valueOf(100)));
    assertThat(
            sum(
                "select coalesce(sum(amount), 0) from ledger_transfer where code = 'charge' and"
                    + " debit_account = ?",
                Accounts.tenantAccount(tenant)))
        .as("beyond the hold, from the balance")
        .isEqualTo(UNIT_PRICE.multiply(BigInteger.valueOf(30)));
    assertThat(available(tenant))
        .isEqualTo(funds.subtract(UNIT_PRICE.multiply(BigInteger.valueOf(170))));
    assertThat(accounts.tenantBalance(tenant).debitsPending()).isZero();
  }

  private UUID hold(String tenant, BigInteger amount) {
    UUID id = UUID.randomUUID();
    assertThat(
            ledger.submit(
                List.of(
                    TransferRequest.pending(
                        id,
                        Accounts.tenantAccount(tenant),
                        Accounts.REVENUE,
                        amount,
                        "ai_job",
                        Duration.ofMinutes(10),
                        "job"))))
        .containsExactly(TransferResult.CREATED);
    return id;
  }

  private String holdState(UUID id) {
    return jdbc.queryForObject("select state from ledger_transfer where id = ?", String.class, id);
  }

  @Test
  void closingAPeriodChargesItFinallyAndAnswersTheSameTotalsTwice() {
    String tenant = "t-" + UUID.randomUUID();
    Instant at = UsageEventFixtures.ownMonth();
    String period = UsageEventFixtures.monthId(at);
    topUp(tenant, UNIT_PRICE.multiply(BigInteger.valueOf(7)));
    use(tenant, 10, at, null, null);

    PeriodClose close = closer.closePeriod(period);

    assertThat(close.revenueByService())
        .containsEntry("ai", UNIT_PRICE.multiply(BigInteger.valueOf(7)));
    assertThat(close.owed()).isEqualTo(UNIT_PRICE.multiply(BigInteger.valueOf(3)));
    assertThat(close.revenueByParty().values().stream().reduce(BigInteger.ZERO, BigInteger::add))
        .isEqualTo(close.charged());
    assertThat(close.revenueByParty()).containsEntry("creator", BigInteger.ZERO);
    topUp(tenant, UNIT_PRICE.multiply(BigInteger.TEN));
    charging.chargeTenant(tenant, null);
    assertThat(closer.closePeriod(period)).as("stored at the close").isEqualTo(close);
    assertThat(obligations.outstanding(List.of(tenant))).doesNotContainKey(tenant);
  }
}
