package network.aioz.ledger.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import network.aioz.ledger.support.EpochClock;

/**
 * Cuts the time between two consecutive heartbeats into per-epoch milliseconds. A gap longer than
 * the allowed one counts as offline, all of it: the node may have been gone for any part of it.
 */
final class UptimeSpans {

  private UptimeSpans() {}

  /** Milliseconds online per epoch for heartbeats at {@code from} and {@code to}; empty if none. */
  static Map<Long, Long> between(Instant from, Instant to, Duration maxGap, EpochClock epochs) {
    Map<Long, Long> spans = new LinkedHashMap<>();
    if (from == null || !to.isAfter(from) || Duration.between(from, to).compareTo(maxGap) > 0) {
      return spans;
    }
    Instant cursor = from;
    while (cursor.isBefore(to)) {
      long epoch = epochs.epochAt(cursor);
      Instant end = epochs.end(epoch);
      Instant stop = end.isBefore(to) ? end : to;
      spans.merge(epoch, Duration.between(cursor, stop).toMillis(), Long::sum);
      cursor = stop;
    }
    return spans;
  }
}
