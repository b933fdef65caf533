package network.aioz.gateway.ratelimit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import network.aioz.gateway.ratelimit.RateLimitProperties.Policy;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Buckets in the gateway database. One statement takes a token from every bucket a request counts
 * against: it refills each bucket for the time since its last use (the database's clock, the same
 * for every replica), takes a token where there is one, and says which gave one. The row lock
 * serializes takers of one bucket across replicas, so no two requests spend the same token. The
 * table is unlogged: after a database crash buckets start full again, which only forgives.
 */
class TokenBuckets {

  private static final String LEVEL =
      "least(excluded.capacity, b.tokens + greatest(0, extract(epoch from statement_timestamp() -"
          + " b.updated_at)) * excluded.refill_per_second)";

  private final JdbcTemplate jdbc;

  TokenBuckets(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Takes one token from each bucket; the states come back in the order asked. */
  List<BucketState> take(List<Bucket> buckets) {
    StringBuilder sql =
        new StringBuilder(
            "insert into gateway_rate_bucket as b"
                + " (bucket_key, capacity, refill_per_second, tokens, allowed, updated_at) values ");
    List<Object> args = new ArrayList<>();
    for (int i = 0; i < buckets.size(); i++) {
      Bucket bucket = buckets.get(i);
      sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ? - 1, true, statement_timestamp())");
      args.add(bucket.key());
      args.add(bucket.policy().capacity());
      args.add(bucket.policy().refillPerSecond());
      args.add((double) bucket.policy().capacity());
    }
    sql.append(" on conflict (bucket_key) do update set")
        .append(" capacity = excluded.capacity,")
        .append(" refill_per_second = excluded.refill_per_second,")
        .append(" tokens = case when ")
        .append(LEVEL)
        .append(" >= 1 then ")
        .append(LEVEL)
        .append(" - 1 else ")
        .append(LEVEL)
        .append(" end,")
        .append(" allowed = ")
        .append(LEVEL)
        .append(" >= 1,")
        .append(" updated_at = statement_timestamp()")
        .append(" returning bucket_key, tokens, allowed");
    Map<String, Object[]> rows = new HashMap<>();
    jdbc.query(
        sql.toString(),
        rs -> {
          rows.put(rs.getString(1), new Object[] {rs.getDouble(2), rs.getBoolean(3)});
        },
        args.toArray());
    List<BucketState> states = new ArrayList<>(buckets.size());
    for (Bucket bucket : buckets) {
      Object[] row = rows.get(bucket.key());
      states.add(new BucketState(bucket, (Boolean) row[1], (Double) row[0]));
    }
    return states;
  }

  /** Forgets buckets nobody used for a day (a full bucket and a missing row are the same). */
  int forgetIdle() {
    return jdbc.update(
        "delete from gateway_rate_bucket where updated_at < statement_timestamp() - interval '1"
            + " day'");
  }

  /**
   * @param name the policy name the headers announce ({@code tenant}, {@code key}, {@code
   *     anonymous})
   */
  record Bucket(String name, String key, Policy policy) {}

  /** A bucket after the take: whether it gave a token, and how many are left. */
  record BucketState(Bucket bucket, boolean allowed, double tokens) {

    long remaining() {
      return Math.max(0, (long) Math.floor(tokens));
    }

    /** Seconds until the bucket is full again. */
    long resetSeconds() {
      double missing = bucket.policy().capacity() - tokens;
      return missing <= 0 ? 0 : (long) Math.ceil(missing / bucket.policy().refillPerSecond());
    }

    /** Seconds until the bucket holds a whole token again. */
    long retryAfterSeconds() {
      double missing = 1 - tokens;
      return missing <= 0
          ? 0
          : Math.max(1, (long) Math.ceil(missing / bucket.policy().refillPerSecond()));
    }
  }
}
