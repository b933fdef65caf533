package network.aioz.billing.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The transfers that touched one account, newest first. */
@Component
class History {

  /** One line of an account's history as its owner sees it. */
  record Line(
      UUID id,
      String direction,
      String counterparty,
      String amount,
      String code,
      String phase,
      String state,
      String reference,
      String splitRule,
      Instant createdAt) {}

  private final JdbcTemplate jdbc;

  History(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  List<Line> of(String account, Instant before, int limit) {
    return jdbc.query(
        "select * from ledger_transfer where (debit_account = ? or credit_account = ?)"
            + " and created_at < ? order by created_at desc, id desc limit ?",
        (rs, i) -> {
          boolean debit = account.equals(rs.getString("debit_account"));
          String other = rs.getString(debit ? "credit_account" : "debit_account");
          return new Line(
              rs.getObject("id", UUID.class),
              debit ? "debit" : "credit",
              // another tenant's account id is theirs to know
              other.startsWith("platform:") ? other : "tenant",
              rs.getBigDecimal("amount").toBigIntegerExact().toString(),
              rs.getString("code"),
              rs.getString("phase"),
              rs.getString("state"),
              rs.getString("reference"),
              rs.getString("split_rule"),
              rs.getTimestamp("created_at").toInstant());
        },
        account,
        account,
        Timestamp.from(before),
        limit);
  }
}
