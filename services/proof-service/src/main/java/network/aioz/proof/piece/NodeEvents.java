package network.aioz.proof.piece;

import io.cloudevents.CloudEvent;
import java.net.URI;
import java.time.Clock;
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
 * Follows the ledger's {@code ledger.edge} events: a node's status sets how often its pieces are
 * challenged (VETTING and SUSPENDED more often, EJECTED not at all), and an endpoint, when an event
 * carries one, is where its pieces are challenged from then on.
 */
@Component
class NodeEvents {

  static final String TOPIC = "ledger.edge";
  private static final String PREFIX = "network.aioz.ledger.";
  private static final Logger log = LoggerFactory.getLogger(NodeEvents.class);

  /** The fields of the ledger's edge events this service reads; {@code endpoint} is optional. */
  record EdgeEvent(String address, String to, String endpoint) {}

  private final PieceRepository pieces;
  private final Inbox inbox;
  private final Clock clock;

  NodeEvents(PieceRepository pieces, Inbox inbox, Clock clock) {
    this.pieces = pieces;
    this.inbox = inbox;
    this.clock = clock;
  }

  @KafkaListener(
      topics = TOPIC,
      groupId = "proof-service.edges",
      containerFactory = OutboxAutoConfiguration.LISTENER_FACTORY)
  void on(ConsumerRecord<String, byte[]> record) {
    CloudEvent event = KafkaCloudEvents.fromRecord(record);
    inbox.process("proof.ledger-edge", event, this::apply);
  }

  void apply(CloudEvent event) {
    EdgeEvent data;
    String address;
    try {
      data = KafkaCloudEvents.data(event, EdgeEvent.class);
      address = EdgeKeys.checksum(data.address());
    } catch (JacksonException | IllegalArgumentException e) {
      log.warn(
          "skipping malformed {} event {}: {}", event.getType(), event.getId(), e.getMessage());
      return;
    }
    switch (event.getType()) {
      case PREFIX + "EdgeRegistered" -> {
        pieces.upsertNodeStatus(address, "VETTING", clock.instant());
        moveEndpoint(address, data.endpoint());
      }
      case PREFIX + "EdgeRedeclared" -> moveEndpoint(address, data.endpoint());
      case PREFIX + "EdgeStatusChanged" -> {
        if (data.to() != null) {
          pieces.upsertNodeStatus(address, data.to(), clock.instant());
        }
      }
      default -> log.debug("ignoring {} on {}", event.getType(), TOPIC);
    }
  }

  private void moveEndpoint(String address, String endpoint) {
    if (endpoint == null || endpoint.isBlank()) {
      return;
    }
    String scheme;
    try {
      scheme = URI.create(endpoint).getScheme();
    } catch (IllegalArgumentException e) {
      scheme = null;
    }
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      log.warn("ignoring endpoint {} of {}: not an http(s) URL", endpoint, address);
      return;
    }
    int moved = pieces.moveEndpoint(address, PieceEvents.stripSlash(endpoint));
    if (moved > 0) {
      log.info("{} pieces of {} are challenged at {} from now on", moved, address, endpoint);
    }
  }
}
