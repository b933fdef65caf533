package network.aioz.billing.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import network.aioz.shared.web.ApiProblem;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The transfers that touched one account, newest first, in pages. Every transfer of a batch has the
 * batch's time, so pages are cut after a (time, id) pair, never after a time alone.
 */
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
      Instant createdAt) {

    /** Where the page after this line starts: {@code <time>_<id>}. */
    String cursor() {
      return createdAt + "_" + id;
    }
  }

  /** A page and the cursor of the next one (null at the end). */
  record Page(List<Line> items, String next) {}

  private final JdbcTemplate jdbc;

  History(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Up to {@code limit} lines after {@code cursor} (null: from the newest). */
  Page of(String account, String cursor, int limit) {
    StringBuilder sql =
        new StringBuilder(
            "select * from ledger_transfer where (debit_account = ? or credit_account = ?)");
    List<Object> args = new ArrayList<>(List.of(account, account));
    if (cursor != null) {
      int cut = cursor.lastIndexOf('_');
      try {
        args.add(Timestamp.from(Instant.parse(cursor.substring(0, Math.max(cut, 0)))));
        args.add(UUID.fromString(cursor.substring(cut + 1)));
      } catch (DateTimeParseException | IllegalArgumentException e) {
        throw ApiProblem.badRequest("cursor must be the 'next' value of a previous page");
      }
      sql.append(" and (created_at, id) < (?, ?)");
    }
    sql.append(" order by created_at desc, id desc limit ?");
    args.add(limit);
    List<Line> lines = jdbc.query(sql.toString(), (rs, i) -> line(rs, account), args.toArray());
    return new Page(lines, lines.size() == limit ? lines.getLast().cursor() : null);
  }

  private static Line line(ResultSet rs, String account) throws SQLException {
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
  }
}
