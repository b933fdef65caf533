package network.aioz.storage.data;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a bucket's segments are spread over edges: Reed–Solomon {@code rs-K-M} (any K of K+M pieces
 * rebuild the segment) or {@code replica-N} (N full copies, any one suffices).
 *
 * @param successThreshold pieces that must be stored before a write succeeds; the rest are left to
 *     repair (long-tail cancellation). Always above {@code k} so one more loss is survivable.
 */
public record Redundancy(String name, int k, int m, boolean replicated, int successThreshold) {

  private static final Pattern RS = Pattern.compile("rs-(\\d{1,3})-(\\d{1,3})");
  private static final Pattern REPLICA = Pattern.compile("replica-(\\d{1,2})");

  public static final String DEFAULT = "rs-10-4";

  public Redundancy {
    if (k < 1 || m < 0 || k + m > 256) {
      throw new IllegalArgumentException("need 1 <= k and k + m <= 256: " + name);
    }
    if (successThreshold < k || successThreshold > k + m) {
      throw new IllegalArgumentException("success threshold must be within [k, k+m]: " + name);
    }
  }

  /**
   * Parses a policy name. The success threshold is k plus half the parity pieces (rounded up) for
   * Reed–Solomon, a majority of the copies for replication.
   */
  public static Redundancy parse(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    Matcher rs = RS.matcher(n);
    if (rs.matches()) {
      int k = Integer.parseInt(rs.group(1));
      int m = Integer.parseInt(rs.group(2));
      if (k < 1 || m < 1 || k + m > 64) {
        throw new IllegalArgumentException("rs-K-M needs K >= 1, M >= 1 and K + M <= 64: " + name);
      }
      return new Redundancy(n, k, m, false, k + (m + 1) / 2);
    }
    Matcher replica = REPLICA.matcher(n);
    if (replica.matches()) {
      int copies = Integer.parseInt(replica.group(1));
      if (copies < 2 || copies > 16) {
        throw new IllegalArgumentException("replica-N needs 2 <= N <= 16: " + name);
      }
      return new Redundancy(n, 1, copies - 1, true, copies / 2 + 1);
    }
    throw new IllegalArgumentException(
        "unknown redundancy policy '" + name + "' (use rs-K-M such as rs-10-4, or replica-N)");
  }

  public int pieces() {
    return k + m;
  }
}
