package network.aioz.ledger.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import network.aioz.ledger.support.EpochClock;
import network.aioz.ledger.support.LedgerProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts, per node and epoch, task attempts that ended, the proven ones, faults and uptime, in the
 * caller's transaction; and sums them up for an epoch being sealed.
 *
 * <p>Counts go to the first epoch not sealed yet (as receipts do), and an epoch is sealed only when
 * it has receipts: so sealing epoch {@code n} takes the counts of every epoch after the previous
 * sealed one up to {@code n}, and nothing counted is ever dropped. Uptime stays in its own epoch.
 */
@Component
public class NodeActivity {

  private final JdbcClient jdbc;
  private final EpochClock epochs;
  private final Duration maxGap;

  NodeActivity(JdbcClient jdbc, EpochClock epochs, LedgerProperties settings) {
    this.jdbc = jdbc;
    this.epochs = epochs;
    this.maxGap = settings.uptimeMaxGap();
  }

  /** A task attempt ended proven, its receipt in {@code epoch}. */
  public void proven(String node, long epoch) {
    add(node, epoch, 1, 1, 0);
  }

  /** A task attempt ended failed on the node (proof failed, deadline, gave up, withdrawn). */
  public void attemptFailed(String node) {
    add(node, openEpoch(), 1, 0, 0);
  }

  /** A proof or audit of the node's work failed. */
  public void fault(String node) {
    add(node, openEpoch(), 0, 0, 1);
  }

  /**
   * Two consecutive heartbeats of the node, at {@code previous} (null for its first) and {@code
   * now}.
   */
  public void heartbeat(String node, Instant previous, Instant now) {
    for (Map.Entry<Long, Long> span :
        UptimeSpans.between(previous, now, maxGap, epochs).entrySet()) {
      jdbc.sql(
              "insert into node_uptime (node_address, epoch, millis) values (?, ?, ?)"
                  + " on conflict (node_address, epoch) do update"
                  + " set millis = node_uptime.millis + excluded.millis")
          .params(node, span.getKey(), span.getValue())
          .update();
    }
  }

  /** The first epoch not sealed yet, should this replica's clock lag behind the sealer's. */
  public long openEpoch() {
    long lastSealed =
        jdbc.sql("select coalesce(max(number), -1) from epoch").query(Long.class).single();
    return Math.max(epochs.current(), lastSealed + 1);
  }

  /**
   * Every node's activity towards {@code epoch}: task counts of the epochs after {@code
   * previousSealed} up to it, uptime of the epoch itself; sorted by address.
   */
  public List<EpochActivity> towards(long epoch, long previousSealed) {
    Map<String, long[]> byNode = new TreeMap<>();
    jdbc.sql(
            "select node_address, sum(tasks_assigned) as a, sum(tasks_completed) as c, sum(faults) as f"
                + " from node_epoch_activity where epoch > ? and epoch <= ? group by node_address")
        .params(previousSealed, epoch)
        .query(
            rs -> {
              long[] v = byNode.computeIfAbsent(rs.getString(1), k -> new long[4]);
              v[0] = rs.getLong(2);
              v[1] = rs.getLong(3);
              v[2] = rs.getLong(4);
            });
    long epochSeconds = Duration.between(epochs.start(epoch), epochs.end(epoch)).toSeconds();
    jdbc.sql("select node_address, millis from node_uptime where epoch = ?")
        .param(epoch)
        .query(
            rs -> {
              long[] v = byNode.computeIfAbsent(rs.getString(1), k -> new long[4]);
              v[3] = Math.min(rs.getLong(2) / 1000, epochSeconds);
            });
    List<EpochActivity> all = new ArrayList<>();
    byNode.forEach((node, v) -> all.add(new EpochActivity(node, v[0], v[1], v[2], v[3])));
    return all;
  }

  private void add(String node, long epoch, long assigned, long completed, long faults) {
    jdbc.sql(
            "insert into node_epoch_activity (node_address, epoch, tasks_assigned, tasks_completed, faults)"
                + " values (?, ?, ?, ?, ?) on conflict (node_address, epoch) do update set"
                + " tasks_assigned = node_epoch_activity.tasks_assigned + excluded.tasks_assigned,"
                + " tasks_completed = node_epoch_activity.tasks_completed + excluded.tasks_completed,"
                + " faults = node_epoch_activity.faults + excluded.faults")
        .params(node, epoch, assigned, completed, faults)
        .update();
  }
}
