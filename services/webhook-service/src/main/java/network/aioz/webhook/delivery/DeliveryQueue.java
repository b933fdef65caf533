package network.aioz.webhook.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import network.aioz.webhook.support.SecretSeal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The messages, the delivery queue and the delivery log in PostgreSQL. */
@Repository
class DeliveryQueue {

  private static final RowMapper<Claimed> CLAIMED =
      (rs, n) ->
          new Claimed(
              rs.getObject("id", UUID.class),
              rs.getObject("claim_token", UUID.class),
              rs.getInt("attempts"),
              rs.getString("message_id"),
              rs.getString("event_type"),
              rs.getString("payload"),
              rs.getObject("endpoint_id", UUID.class),
              rs.getString("url"),
              rs.getString("secret"),
              rs.getString("previous_secret"),
              instant(rs, "previous_secret_expires_at"));

  private static final RowMapper<DeliveryLog.MessageEntry> MESSAGE =
      (rs, n) ->
          new DeliveryLog.MessageEntry(
              rs.getString("message_id"),
              rs.getObject("id", UUID.class),
              rs.getString("event_type"),
              rs.getString("status"),
              rs.getInt("attempts"),
              instant(rs, "next_attempt_at"),
              (Integer) rs.getObject("last_status_code"),
              instant(rs, "created_at"),
              rs.getLong("seq"));

  private static final RowMapper<DeliveryLog.AttemptEntry> ATTEMPT =
      (rs, n) ->
          new DeliveryLog.AttemptEntry(
              rs.getLong("seq"),
              rs.getString("message_id"),
              rs.getObject("delivery_id", UUID.class),
              rs.getInt("attempt"),
              (Integer) rs.getObject("status_code"),
              rs.getString("response_body"),
              rs.getLong("duration_ms"),
              rs.getString("error"),
              instant(rs, "attempted_at"));

  private final JdbcTemplate jdbc;

  private final SecretSeal seal;

  DeliveryQueue(JdbcTemplate jdbc, SecretSeal seal) {
    this.jdbc = jdbc;
    this.seal = seal;
  }

  /** Stores a message; false when it exists already (the same event seen again). */
  boolean insertMessage(
      String messageId, String tenantId, String eventType, String payload, Instant now) {
    return jdbc.update(
            "insert into webhook_message (id, tenant_id, event_type, payload, created_at)"
                + " values (?, ?, ?, ?, ?) on conflict (id) do nothing",
            messageId,
            tenantId,
            eventType,
            payload,
            Timestamp.from(now))
        == 1;
  }

  /** One delivery, due now, per enabled endpoint of the tenant subscribed to the type. */
  int fanOut(String messageId, String tenantId, String eventType, Instant now) {
    Timestamp at = Timestamp.from(now);
    return jdbc.update(
        "insert into webhook_delivery (id, message_id, endpoint_id, status, next_attempt_at,"
            + " created_at, updated_at)"
            + " select gen_random_uuid(), ?, e.id, 'pending', ?, ?, ? from webhook_endpoint e"
            + " where e.tenant_id = ? and e.enabled and ? = any(e.event_types)",
        messageId,
        at,
        at,
        at,
        tenantId,
        eventType);
  }

  /** A delivery of the message to one endpoint, due now. */
  UUID enqueue(String messageId, UUID endpointId, Instant now) {
    UUID id = UUID.randomUUID();
    Timestamp at = Timestamp.from(now);
    jdbc.update(
        "insert into webhook_delivery (id, message_id, endpoint_id, status, next_attempt_at,"
            + " created_at, updated_at) values (?, ?, ?, 'pending', ?, ?, ?)",
        id,
        messageId,
        endpointId,
        at,
        at,
        at);
    return id;
  }

  /**
   * Claims up to {@code max} due deliveries of enabled endpoints: they become due again only at
   * {@code leaseUntil}, so a crashed worker's deliveries are retried and a second replica skips
   * them (row locks, {@code SKIP LOCKED}).
   */
  List<Claimed> claim(int max, Instant now, Instant leaseUntil) {
    UUID token = UUID.randomUUID();
    List<Claimed> claimed =
        jdbc.query(
            "with due as ("
                + "  select d.id from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id"
                + "  where d.status = 'pending' and d.next_attempt_at <= ? and e.enabled"
                + "  order by d.next_attempt_at limit ? for update of d skip locked)"
                + " update webhook_delivery d set next_attempt_at = ?, claim_token = ?, updated_at = ?"
                + " from due, webhook_message m, webhook_endpoint e"
                + " where d.id = due.id and m.id = d.message_id and e.id = d.endpoint_id"
                + " returning d.id, d.claim_token, d.attempts, d.message_id, m.event_type, m.payload,"
                + " e.id as endpoint_id, e.url, e.secret, e.previous_secret,"
                + " e.previous_secret_expires_at",
            CLAIMED,
            Timestamp.from(now),
            max,
            Timestamp.from(leaseUntil),
            token,
            Timestamp.from(now));
    return claimed.stream()
        .map(
            c ->
                new Claimed(
                    c.deliveryId(),
                    c.claimToken(),
                    c.attemptsMade(),
                    c.messageId(),
                    c.eventType(),
                    c.payload(),
                    c.endpointId(),
                    c.url(),
                    seal.open(c.endpointId(), c.secret()),
                    seal.open(c.endpointId(), c.previousSecret()),
                    c.previousSecretExpiresAt()))
        .toList();
  }

  /**
   * Records an attempt and the delivery's new state, unless the claim was lost (its lease ran out
   * and another worker took it): then nothing is written and false is returned.
   */
  boolean finish(
      Claimed claimed,
      RetryPolicy.Decision decision,
      Outcome outcome,
      Instant attemptedAt,
      Instant now) {
    return jdbc.update(
            "with d as (update webhook_delivery set status = ?, attempts = attempts + 1,"
                + " next_attempt_at = ?, last_status_code = ?, claim_token = null, updated_at = ?"
                + " where id = ? and claim_token = ?"
                + " returning id, endpoint_id, message_id, attempts)"
                + " insert into webhook_attempt (delivery_id, endpoint_id, message_id, attempt,"
                + " attempted_at, status_code, response_body, duration_ms, error)"
                + " select id, endpoint_id, message_id, attempts, ?, ?, ?, ?, ? from d",
            decision.status().column(),
            decision.nextAttemptAt() == null ? null : Timestamp.from(decision.nextAttemptAt()),
            outcome.statusCode(),
            Timestamp.from(now),
            claimed.deliveryId(),
            claimed.claimToken(),
            Timestamp.from(attemptedAt),
            outcome.statusCode(),
            outcome.responseBody(),
            outcome.durationMillis(),
            outcome.error())
        == 1;
  }

  /** A finished attempt waiting to be recorded. */
  record Finished(
      Claimed claimed,
      RetryPolicy.Decision decision,
      Outcome outcome,
      Instant attemptedAt,
      Instant now) {}

  /**
   * Records many successful attempts in one round trip (the caller's transaction); each also ends
   * its endpoint's failure streak. A delivery whose claim was lost is skipped.
   */
  void finishSucceeded(List<Finished> finished) {
    List<Object[]> rows = new java.util.ArrayList<>(finished.size());
    for (Finished f : finished) {
      rows.add(
          new Object[] {
            f.decision().status().column(),
            f.outcome().statusCode(),
            Timestamp.from(f.now()),
            f.claimed().deliveryId(),
            f.claimed().claimToken(),
            Timestamp.from(f.attemptedAt()),
            f.outcome().statusCode(),
            f.outcome().responseBody(),
            f.outcome().durationMillis()
          });
    }
    jdbc.batchUpdate(
        "with d as (update webhook_delivery set status = ?, attempts = attempts + 1,"
            + " next_attempt_at = null, last_status_code = ?, claim_token = null, updated_at = ?"
            + " where id = ? and claim_token = ? returning id, endpoint_id, message_id, attempts),"
            + " healthy as (update webhook_endpoint set failing_since = null"
            + " where id in (select endpoint_id from d) and failing_since is not null)"
            + " insert into webhook_attempt (delivery_id, endpoint_id, message_id, attempt,"
            + " attempted_at, status_code, response_body, duration_ms, error)"
            + " select id, endpoint_id, message_id, attempts, ?, ?, ?, ?, null from d",
        rows);
  }

  /** A success ends the endpoint's failure streak. */
  void markHealthy(UUID endpointId) {
    jdbc.update(
        "update webhook_endpoint set failing_since = null where id = ? and failing_since is not"
            + " null",
        endpointId);
  }

  /** A failure starts (or continues) the streak; returns when it started. */
  Instant markFailing(UUID endpointId, Instant now) {
    return jdbc.queryForObject(
        "update webhook_endpoint set failing_since = coalesce(failing_since, ?) where id = ?"
            + " returning failing_since",
        (rs, n) -> rs.getTimestamp(1).toInstant(),
        Timestamp.from(now),
        endpointId);
  }

  /** Whether the message was ever addressed to the endpoint. */
  boolean wasDelivered(String messageId, UUID endpointId) {
    Integer count =
        jdbc.queryForObject(
            "select count(*) from webhook_delivery where message_id = ? and endpoint_id = ?",
            Integer.class,
            messageId,
            endpointId);
    return count != null && count > 0;
  }

  List<DeliveryLog.MessageEntry> messages(UUID endpointId, int limit, Optional<Long> before) {
    String sql =
        "select d.id, d.seq, d.message_id, m.event_type, d.status, d.attempts, d.next_attempt_at,"
            + " d.last_status_code, d.created_at from webhook_delivery d"
            + " join webhook_message m on m.id = d.message_id where d.endpoint_id = ?";
    return before.isPresent()
        ? jdbc.query(
            sql + " and d.seq < ? order by d.seq desc limit ?",
            MESSAGE,
            endpointId,
            before.get(),
            limit)
        : jdbc.query(sql + " order by d.seq desc limit ?", MESSAGE, endpointId, limit);
  }

  List<DeliveryLog.AttemptEntry> attempts(UUID endpointId, int limit, Optional<Long> before) {
    String sql =
        "select seq, delivery_id, message_id, attempt, attempted_at, status_code, response_body,"
            + " duration_ms, error from webhook_attempt where endpoint_id = ?";
    return before.isPresent()
        ? jdbc.query(
            sql + " and seq < ? order by seq desc limit ?",
            ATTEMPT,
            endpointId,
            before.get(),
            limit)
        : jdbc.query(sql + " order by seq desc limit ?", ATTEMPT, endpointId, limit);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
