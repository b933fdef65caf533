package network.aioz.webhook.delivery;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.ToLongFunction;
import network.aioz.shared.web.ApiProblem;
import network.aioz.webhook.endpoint.Endpoint;
import network.aioz.webhook.endpoint.Endpoints;
import network.aioz.webhook.support.Tenants;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Test messages, the delivery log and replays of one endpoint. */
@RestController
@RequestMapping("/v1/webhooks/endpoints/{id}")
class DeliveryController {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;

  private final Endpoints endpoints;
  private final Messages messages;
  private final DeliveryQueue queue;
  private final Tenants tenants;

  DeliveryController(Endpoints endpoints, Messages messages, DeliveryQueue queue, Tenants tenants) {
    this.endpoints = endpoints;
    this.messages = messages;
    this.queue = queue;
    this.tenants = tenants;
  }

  @PostMapping("/test")
  ResponseEntity<Messages.Queued> test(@PathVariable String id, HttpServletRequest request) {
    Endpoint endpoint = enabled(owned(id, tenants.require(request, Tenants.WRITE)));
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(messages.test(endpoint.tenantId(), endpoint.id()));
  }

  @GetMapping("/messages")
  DeliveryLog.Page<DeliveryLog.MessageEntry> messages(
      @PathVariable String id,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor,
      HttpServletRequest request) {
    Endpoint endpoint = owned(id, tenants.require(request, Tenants.READ));
    int n = limit(limit);
    return page(queue.messages(endpoint.id(), n, cursor(cursor)), n, DeliveryLog.MessageEntry::seq);
  }

  @GetMapping("/attempts")
  DeliveryLog.Page<DeliveryLog.AttemptEntry> attempts(
      @PathVariable String id,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor,
      HttpServletRequest request) {
    Endpoint endpoint = owned(id, tenants.require(request, Tenants.READ));
    int n = limit(limit);
    return page(queue.attempts(endpoint.id(), n, cursor(cursor)), n, DeliveryLog.AttemptEntry::seq);
  }

  @PostMapping("/messages/{messageId}/replay")
  ResponseEntity<Messages.Queued> replay(
      @PathVariable String id, @PathVariable String messageId, HttpServletRequest request) {
    Endpoint endpoint = enabled(owned(id, tenants.require(request, Tenants.WRITE)));
    return messages
        .replay(messageId, endpoint.id())
        .map(queued -> ResponseEntity.status(HttpStatus.ACCEPTED).body(queued))
        .orElseThrow(() -> ApiProblem.notFound("message " + messageId));
  }

  private Endpoint owned(String id, String tenant) {
    UUID endpointId;
    try {
      endpointId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.notFound("endpoint " + id);
    }
    return endpoints
        .owned(tenant, endpointId)
        .orElseThrow(() -> ApiProblem.notFound("endpoint " + id));
  }

  private static Endpoint enabled(Endpoint endpoint) {
    if (!endpoint.enabled()) {
      throw ApiProblem.conflict(
          "endpoint-disabled", "Endpoint disabled", "enable the endpoint before sending to it");
    }
    return endpoint;
  }

  private static int limit(Integer limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiProblem.badRequest("limit must be between 1 and " + MAX_LIMIT);
    }
    return limit;
  }

  private static Optional<Long> cursor(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(cursor));
    } catch (NumberFormatException e) {
      throw ApiProblem.badRequest("cursor is not one this service gave out");
    }
  }

  private static <T> DeliveryLog.Page<T> page(List<T> items, int limit, ToLongFunction<T> seq) {
    String next = items.size() == limit ? Long.toString(seq.applyAsLong(items.getLast())) : null;
    return new DeliveryLog.Page<>(items, next);
  }
}
