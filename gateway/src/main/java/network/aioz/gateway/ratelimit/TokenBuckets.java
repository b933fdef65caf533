package network.aioz.gateway.ratelimit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import network.aioz.gateway.ratelimit.RateLimitProperties.Policy;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Buckets in the gateway database. One statement takes tokens from every bucket asked: it refills
 * each bucket for the time since its last use (the database's clock, the same for every replica),
 * grants up to the number wanted of the whole tokens there are, and says how many each gave. The
 * row lock serializes takers of one bucket across replicas, so no two replicas spend the same
 * token. The table is unlogged: after a database crash buckets start full again, which only
 * forgives.
 */
class TokenBuckets {

  private static final String LEVEL =
      "least(excluded.capacity, b.tokens + greatest(0, extract(epoch from statement_timestamp() -"
          + " b.updated_at)) * excluded.refill_per_second)";

  private final JdbcTemplate jdbc;

  TokenBuckets(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Takes up to {@code wants.get(i)} whole tokens from each bucket (at least one where there is
   * one); the grants come back in the order asked.
   */
  List<Grant> take(List<Bucket> buckets, List<Integer> wants) {
    StringBuilder sql =
        new StringBuilder(
            "insert into gateway_rate_bucket as b (bucket_key, capacity, refill_per_second, tokens,"
                + " want, granted, updated_at) values ");
    List<Object> args = new ArrayList<>();
    for (int i = 0; i < buckets.size(); i++) {
      Bucket bucket = buckets.get(i);
      double want = Math.min(wants.get(i), bucket.policy().capacity());
      sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, statement_timestamp())");
      args.add(bucket.key());
      args.add(bucket.policy().capacity());
      args.add(bucket.policy().refillPerSecond());
      args.add(bucket.policy().capacity() - want); // a new bucket starts full
      args.add(want);
      args.add(want);
    }
    String granted = "least(excluded.want, floor(" + LEVEL + "))";
    sql.append(" on conflict (bucket_key) do update set")
        .append(" capacity = excluded.capacity,")
        .append(" refill_per_second = excluded.refill_per_second,")
        .append(" tokens = ")
        .append(LEVEL)
        .append(" - ")
        .append(granted)
        .append(", want = excluded.want, granted = ")
        .append(granted)
        .append(", updated_at = statement_timestamp()")
        .append(" returning bucket_key, tokens, granted");
    Map<String, double[]> rows = new HashMap<>();
    jdbc.query(
        sql.toString(),
        rs -> {
          rows.put(rs.getString(1), new double[] {rs.getDouble(2), rs.getDouble(3)});
        },
        args.toArray());
    List<Grant> grants = new ArrayList<>(buckets.size());
    for (Bucket bucket : buckets) {
      double[] row = rows.get(bucket.key());
      grants.add(new Grant(bucket, (int) row[1], row[0]));
    }
    return grants;
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

  /** What a bucket gave: {@code granted} whole tokens, and the tokens left in it afterwards. */
  record Grant(Bucket bucket, int granted, double tokensLeft) {}

  /**
   * A bucket as a request sees it: whether it gave the request a token, and how many are left
   * (counting tokens this replica holds unspent).
   */
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
