package network.aioz.billing.metering;

import java.math.BigInteger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Everything the charge runs have split out of revenue so far, per party. The sums only grow (a
 * charge adds to its usage's paid parts and nothing removes them), so two reads a while apart
 * differ by exactly the splits committed in between.
 */
@Component
public class FeesPaid {

  /** Cumulative split parts, base units. */
  public record Totals(
      BigInteger creators, BigInteger edges, BigInteger validators, BigInteger treasury) {}

  private final JdbcTemplate jdbc;

  FeesPaid(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The totals as committed when the statement starts (one statement: one consistent view). */
  public Totals cumulative() {
    return jdbc.queryForObject(
        "select coalesce(sum(paid_creator), 0), coalesce(sum(paid_edges), 0),"
            + " coalesce(sum(paid_validators), 0), coalesce(sum(paid_treasury), 0)"
            + " from metering_usage",
        (rs, i) ->
            new Totals(
                rs.getBigDecimal(1).toBigIntegerExact(),
                rs.getBigDecimal(2).toBigIntegerExact(),
                rs.getBigDecimal(3).toBigIntegerExact(),
                rs.getBigDecimal(4).toBigIntegerExact()));
  }
}
