package network.aioz.proof.piece;

import io.cloudevents.CloudEvent;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import network.aioz.shared.edge.EdgeKeys;
import network.aioz.shared.event.KafkaCloudEvents;
import network.aioz.shared.outbox.Inbox;
import network.aioz.shared.outbox.OutboxAutoConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Starts and stops challenging pieces from the storage service's {@code storage.piece} events, once
 * per event (inbox). An event that can never be applied (a malformed root, an unknown priority) is
 * logged and skipped rather than retried forever.
 */
@Component
class PieceEvents {

  static final String TOPIC = "storage.piece";
  static final String STORED = "network.aioz.storage.PieceStored";
  static final String RELEASED = "network.aioz.storage.PieceReleased";
  private static final Logger log = LoggerFactory.getLogger(PieceEvents.class);
  private static final Pattern HEX_64 = Pattern.compile("(0x)?[0-9a-fA-F]{64}");

  /** The storage service's {@code PieceStored} data, with the fields this service reads. */
  record PieceStored(
      UUID pieceId,
      UUID taskId,
      String nodeAddress,
      String endpoint,
      String contentDigest,
      long sizeBytes,
      int blockSize,
      String merkleRoot,
      String tenantId,
      String priority) {}

  /** The storage service's {@code PieceReleased} data. */
  record PieceReleased(UUID pieceId, UUID taskId, String nodeAddress, String reason) {}

  private final PieceRepository pieces;
  private final Cadence cadence;
  private final Inbox inbox;
  private final Clock clock;

  PieceEvents(PieceRepository pieces, Cadence cadence, Inbox inbox, Clock clock) {
    this.pieces = pieces;
    this.cadence = cadence;
    this.inbox = inbox;
    this.clock = clock;
  }

  @KafkaListener(
      topics = TOPIC,
      groupId = "proof-service.pieces",
      containerFactory = OutboxAutoConfiguration.LISTENER_FACTORY)
  void on(ConsumerRecord<String, byte[]> record) {
    CloudEvent event = KafkaCloudEvents.fromRecord(record);
    inbox.process("proof.storage-piece", event, this::apply);
  }

  void apply(CloudEvent event) {
    try {
      switch (event.getType()) {
        case STORED -> stored(KafkaCloudEvents.data(event, PieceStored.class));
        case RELEASED -> released(KafkaCloudEvents.data(event, PieceReleased.class));
        default -> log.debug("ignoring {} on {}", event.getType(), TOPIC);
      }
    } catch (JacksonException | IllegalArgumentException e) {
      log.warn(
          "skipping malformed {} event {}: {}", event.getType(), event.getId(), e.getMessage());
    }
  }

  private void stored(PieceStored event) {
    PieceStored piece = canonical(event);
    Instant now = clock.instant();
    if (pieces.insertIfAbsent(piece, now, cadence.first(now))) {
      log.info(
          "challenging piece {} (task {}) on {}",
          piece.pieceId(),
          piece.taskId(),
          piece.nodeAddress());
    }
  }

  private void released(PieceReleased event) {
    if (event.pieceId() == null) {
      throw new IllegalArgumentException("pieceId is missing");
    }
    int released = pieces.release(event.pieceId(), event.taskId(), event.reason(), clock.instant());
    log.info(
        "released piece {} (task {}): {} placements", event.pieceId(), event.taskId(), released);
  }

  /** Checks the event and puts its values in the forms the service compares. */
  static PieceStored canonical(PieceStored e) {
    if (e.pieceId() == null || e.taskId() == null) {
      throw new IllegalArgumentException("pieceId and taskId are required");
    }
    URI endpoint = URI.create(require(e.endpoint(), "endpoint"));
    if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
      throw new IllegalArgumentException("endpoint must be an http(s) URL: " + endpoint);
    }
    if (!HEX_64.matcher(require(e.contentDigest(), "contentDigest")).matches()
        || !HEX_64.matcher(require(e.merkleRoot(), "merkleRoot")).matches()) {
      throw new IllegalArgumentException("contentDigest and merkleRoot must be 64 hex digits");
    }
    if (e.sizeBytes() <= 0 || e.blockSize() <= 0) {
      throw new IllegalArgumentException("sizeBytes and blockSize must be positive");
    }
    String priority = e.priority() == null ? "standard" : e.priority().toLowerCase(Locale.ROOT);
    if (!priority.equals("standard") && !priority.equals("high")) {
      throw new IllegalArgumentException("priority must be standard or high: " + e.priority());
    }
    return new PieceStored(
        e.pieceId(),
        e.taskId(),
        EdgeKeys.checksum(e.nodeAddress()),
        stripSlash(e.endpoint()),
        bareHex(e.contentDigest()),
        e.sizeBytes(),
        e.blockSize(),
        bareHex(e.merkleRoot()),
        e.tenantId(),
        priority);
  }

  private static String require(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  static String stripSlash(String endpoint) {
    return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
  }

  private static String bareHex(String hex) {
    return (hex.startsWith("0x") ? hex.substring(2) : hex).toLowerCase(Locale.ROOT);
  }
}
