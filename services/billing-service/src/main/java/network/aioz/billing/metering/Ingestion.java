package network.aioz.billing.metering;

import io.cloudevents.CloudEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import network.aioz.shared.event.KafkaCloudEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records one poll of usage events in one transaction, with set-based statements: the events'
 * (source, id) are inserted into the dedup table and only those new there count; their usage is
 * summed per aggregate in memory and added with one upsert; what cannot be metered is stored in
 * {@code metering_rejected}. Rows are written in key order so concurrent consumers never deadlock.
 */
@Component
public class Ingestion {

  private static final Logger log = LoggerFactory.getLogger(Ingestion.class);

  static final String PERIOD_CLOSED = "period-closed";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Periods periods;
  private final Clock clock;

  Ingestion(JdbcTemplate jdbc, TransactionTemplate transactions, Periods periods, Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.periods = periods;
    this.clock = clock;
  }

  /** The (source, id) that identifies an event; a record that is no CloudEvent gets its offset. */
  record EventKey(String source, String id) implements Comparable<EventKey> {
    @Override
    public int compareTo(EventKey o) {
      int c = source.compareTo(o.source);
      return c != 0 ? c : id.compareTo(o.id);
    }
  }

  /** One record as read: its key, type, data and what it adds to which aggregate. */
  private record Read(
      EventKey key, String type, byte[] raw, List<Placed> usage, String rejection) {}

  /** A usage placed in its aggregate (and so its period). */
  private record Placed(AggregateKey key, PeriodLength.Span period, BigInteger quantity) {}

  /** What a poll did. */
  public record Outcome(int fresh, int duplicates, int rejected) {}

  public Outcome record(List<ConsumerRecord<String, byte[]>> records) {
    // everything that needs no database happens before the transaction, which stays short
    Map<EventKey, Read> reads = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      Read read = read(record);
      reads.putIfAbsent(read.key(), read);
    }
    Outcome outcome = transactions.execute(status -> apply(reads));
    return outcome == null ? new Outcome(0, 0, 0) : outcome;
  }

  private Read read(ConsumerRecord<String, byte[]> record) {
    CloudEvent event;
    try {
      event = KafkaCloudEvents.fromRecord(record);
    } catch (RuntimeException e) {
      EventKey key =
          new EventKey(
              "kafka:" + record.topic() + "/" + record.partition(), Long.toString(record.offset()));
      return new Read(key, null, record.value(), List.of(), "not-a-cloudevent");
    }
    EventKey key = new EventKey(event.getSource().toString(), event.getId());
    UsageMapping.Result result = UsageMapping.map(event);
    byte[] raw = KafkaCloudEvents.data(event);
    return switch (result) {
      case UsageMapping.Mapped m -> new Read(key, event.getType(), raw, place(m.usage()), null);
      case UsageMapping.Rejected r -> new Read(key, event.getType(), raw, List.of(), r.reason());
    };
  }

  private List<Placed> place(List<Usage> usage) {
    List<Placed> placed = new ArrayList<>(usage.size());
    for (Usage u : usage) {
      PeriodLength.Span span = periods.containing(u.occurredAt());
      placed.add(
          new Placed(
              new AggregateKey(
                  u.tenantId(),
                  span.id(),
                  u.service(),
                  u.unit(),
                  u.region(),
                  u.creatorId(),
                  u.holdId()),
              span,
              u.quantity()));
    }
    return placed;
  }

  private Outcome apply(Map<EventKey, Read> reads) {
    Timestamp now = Timestamp.from(clock.instant());
    List<EventKey> keys = new ArrayList<>(reads.keySet());
    keys.sort(null);
    Set<EventKey> fresh = new HashSet<>();
    jdbc.query(
        "insert into metering_seen (source, id, seen_at)"
            + " select s, i, ? from unnest(?::text[], ?::text[]) as k(s, i)"
            + " on conflict do nothing returning source, id",
        rs -> {
          fresh.add(new EventKey(rs.getString(1), rs.getString(2)));
        },
        now,
        keys.stream().map(EventKey::source).toArray(String[]::new),
        keys.stream().map(EventKey::id).toArray(String[]::new));

    Map<String, PeriodLength.Span> distinct = new HashMap<>();
    for (EventKey key : fresh) {
      for (Placed p : reads.get(key).usage()) {
        distinct.putIfAbsent(p.period().id(), p.period());
      }
    }
    Map<String, String> status = Map.of();
    if (!distinct.isEmpty()) {
      periods.ensure(distinct.values());
      status = periods.lockForShare(new TreeMap<>(distinct).keySet());
    }

    Map<AggregateKey, Sum> sums = new HashMap<>();
    List<Read> rejected = new ArrayList<>();
    for (EventKey key : keys) {
      if (!fresh.contains(key)) {
        continue;
      }
      Read read = reads.get(key);
      if (read.rejection() != null) {
        rejected.add(read);
        continue;
      }
      boolean open = true;
      for (Placed p : read.usage()) {
        open &= Periods.OPEN.equals(status.get(p.period().id()));
      }
      if (!open) {
        rejected.add(new Read(read.key(), read.type(), read.raw(), read.usage(), PERIOD_CLOSED));
        continue;
      }
      for (Placed p : read.usage()) {
        sums.computeIfAbsent(p.key(), x -> new Sum()).add(p.quantity());
      }
    }
    if (!sums.isEmpty()) {
      upsert(sums, now);
    }
    if (!rejected.isEmpty()) {
      reject(rejected, now);
    }
    return new Outcome(fresh.size() - rejected.size(), keys.size() - fresh.size(), rejected.size());
  }

  private void upsert(Map<AggregateKey, Sum> unordered, Timestamp now) {
    // key order: concurrent consumers lock shared rows in the same order
    Map<AggregateKey, Sum> sums = new TreeMap<>(unordered);
    int n = sums.size();
    String[][] text = new String[7][n];
    BigDecimal[] quantities = new BigDecimal[n];
    Long[] events = new Long[n];
    int i = 0;
    for (Map.Entry<AggregateKey, Sum> e : sums.entrySet()) {
      AggregateKey k = e.getKey();
      text[0][i] = k.tenantId();
      text[1][i] = k.periodId();
      text[2][i] = k.service();
      text[3][i] = k.unit();
      text[4][i] = k.region();
      text[5][i] = k.creatorId();
      text[6][i] = k.holdId();
      quantities[i] = new BigDecimal(e.getValue().quantity);
      events[i] = e.getValue().events;
      i++;
    }
    jdbc.update(
        "insert into metering_usage (tenant_id, period_id, service, unit, region, creator_id,"
            + " hold_id, quantity, events, updated_at)"
            + " select t, p, s, u, r, c, h, q, e, ? from unnest(?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::text[], ?::numeric[], ?::bigint[])"
            + " with ordinality as v(t, p, s, u, r, c, h, q, e, o) order by o"
            + " on conflict (tenant_id, period_id, service, unit, region, creator_id, hold_id)"
            + " do update set quantity = metering_usage.quantity + excluded.quantity,"
            + " events = metering_usage.events + excluded.events, updated_at = excluded.updated_at",
        now,
        text[0],
        text[1],
        text[2],
        text[3],
        text[4],
        text[5],
        text[6],
        quantities,
        events);
  }

  private void reject(List<Read> rejected, Timestamp now) {
    jdbc.batchUpdate(
        "insert into metering_rejected (source, id, type, reason, raw_data, rejected_at)"
            + " values (?, ?, ?, ?, ?, ?)",
        rejected,
        rejected.size(),
        (ps, r) -> {
          ps.setString(1, r.key().source());
          ps.setString(2, r.key().id());
          ps.setString(3, r.type());
          ps.setString(4, r.rejection());
          ps.setBytes(5, r.raw());
          ps.setTimestamp(6, now);
        });
    for (Read r : rejected) {
      // once per event: a redelivered one is a duplicate and never gets here again
      log.warn(
          "usage event {} from {} ({}) not metered: {}",
          r.key().id(),
          r.key().source(),
          r.type(),
          r.rejection());
    }
  }

  /** One aggregate's key, in the table's primary key order. */
  record AggregateKey(
      String tenantId,
      String periodId,
      String service,
      String unit,
      String region,
      String creatorId,
      String holdId)
      implements Comparable<AggregateKey> {

    private static final java.util.Comparator<AggregateKey> ORDER =
        java.util.Comparator.comparing(AggregateKey::tenantId)
            .thenComparing(AggregateKey::periodId)
            .thenComparing(AggregateKey::service)
            .thenComparing(AggregateKey::unit)
            .thenComparing(AggregateKey::region)
            .thenComparing(AggregateKey::creatorId)
            .thenComparing(AggregateKey::holdId);

    @Override
    public int compareTo(AggregateKey o) {
      return ORDER.compare(this, o);
    }

    /** The ledger reference of its charges: {@code <period>/<service>/<unit>/<region>}. */
    String reference() {
      return periodId + "/" + service + "/" + unit + "/" + region;
    }

    /** Every part of the key, for deterministic transfer ids. */
    String id() {
      return String.join("\u0000", tenantId, periodId, service, unit, region, creatorId, holdId);
    }
  }

  private static final class Sum {
    BigInteger quantity = BigInteger.ZERO;
    long events;

    void add(BigInteger q) {
      quantity = quantity.add(q);
      events++;
    }
  }
}
