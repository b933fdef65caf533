package network.aioz.billing.reward;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import network.aioz.billing.economics.EdgeEpochWork;
import network.aioz.billing.economics.WorkProved;

/**
 * Turns a sealed epoch into the reward policy's input, one {@link EdgeEpochWork} per node:
 *
 * <ul>
 *   <li>STORE and PIN units are the bytes a passed challenge proved held in the epoch (the ledger's
 *       receipts carry the piece's size): held for the whole epoch, they are {@code bytes ×
 *       epochSeconds / 3,600} byte-hours, floored;
 *   <li>DELIVER units are bytes of bandwidth;
 *   <li>TRANSCODE units are seconds: floored to whole minutes;
 *   <li>INFER units are inference units;
 *   <li>uptime, tasks assigned and completed and faults come from the node's statistics, uptime
 *       capped at the epoch's length.
 * </ul>
 *
 * Suspended and ejected nodes are left out: they earn nothing and do not dilute the others.
 */
final class EpochWork {

  static final Set<String> EXCLUDED_STATUSES = Set.of("SUSPENDED", "EJECTED");
  private static final BigInteger SECONDS_PER_HOUR = BigInteger.valueOf(3600);
  private static final BigInteger SECONDS_PER_MINUTE = BigInteger.valueOf(60);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private EpochWork() {}

  static long epochSeconds(EpochSealed sealed) {
    return Duration.between(sealed.startsAt(), sealed.endsAt()).toSeconds();
  }

  static List<EdgeEpochWork> of(EpochSealed sealed) {
    long epochSeconds = epochSeconds(sealed);
    Map<String, Node> nodes = new TreeMap<>();
    for (EpochSealed.NodeTotal total : sealed.nodeTotals()) {
      Node node = nodes.computeIfAbsent(key(total.nodeAddress()), k -> new Node());
      BigInteger units = total.units() == null ? BigInteger.ZERO : total.units();
      node.provenTasks += Math.max(0, total.tasks());
      switch (total.kind()) {
        case "STORE", "PIN" -> node.storedBytes = node.storedBytes.add(units);
        case "DELIVER" -> node.bandwidth = node.bandwidth.add(units);
        case "TRANSCODE" -> node.transcodeSeconds = node.transcodeSeconds.add(units);
        case "INFER" -> node.inference = node.inference.add(units);
        default -> {
          // a kind this version does not reward yet
        }
      }
    }
    for (EpochSealed.NodeStats stats : sealed.nodeStats()) {
      Node node = nodes.computeIfAbsent(key(stats.nodeAddress()), k -> new Node());
      node.hasStats = true;
      node.assigned = Math.max(0, stats.tasksAssigned());
      node.completed = Math.max(0, stats.tasksCompleted());
      node.faults = Math.max(0, stats.faults());
      node.uptime = Math.min(Math.max(0, stats.uptimeSeconds()), epochSeconds);
      node.status = stats.status();
    }
    List<EdgeEpochWork> work = new ArrayList<>();
    nodes.forEach(
        (address, n) -> {
          if (n.status != null && EXCLUDED_STATUSES.contains(n.status)) {
            return;
          }
          if (!n.hasStats) {
            // a ledger without per-node statistics: its proven tasks are all it reports
            n.assigned = n.provenTasks;
            n.completed = n.provenTasks;
          }
          work.add(
              new EdgeEpochWork(
                  address,
                  new WorkProved(
                      clamp(
                          n.storedBytes
                              .multiply(BigInteger.valueOf(epochSeconds))
                              .divide(SECONDS_PER_HOUR)),
                      clamp(n.bandwidth),
                      clamp(n.transcodeSeconds.divide(SECONDS_PER_MINUTE)),
                      clamp(n.inference),
                      n.uptime),
                  Math.max(n.assigned, n.completed),
                  n.completed,
                  (int) Math.min(n.faults, Integer.MAX_VALUE)));
        });
    return work;
  }

  private static String key(String address) {
    return address.toLowerCase(Locale.ROOT);
  }

  private static long clamp(BigInteger value) {
    return value.signum() < 0 ? 0 : value.min(LONG_MAX).longValueExact();
  }

  private static final class Node {
    BigInteger storedBytes = BigInteger.ZERO;
    BigInteger bandwidth = BigInteger.ZERO;
    BigInteger transcodeSeconds = BigInteger.ZERO;
    BigInteger inference = BigInteger.ZERO;
    long provenTasks;
    boolean hasStats;
    long assigned;
    long completed;
    long faults;
    long uptime;
    String status;
  }
}
