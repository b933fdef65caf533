package network.aioz.webhook.endpoint;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import network.aioz.shared.web.ApiProblem;
import network.aioz.webhook.support.EventTypes;
import network.aioz.webhook.support.Tenants;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's endpoints: {@code /v1/webhooks/endpoints}. */
@RestController
@RequestMapping("/v1/webhooks")
class EndpointController {

  record CreateEndpoint(String url, List<String> eventTypes, String description, Boolean enabled) {}

  record UpdateEndpoint(String url, List<String> eventTypes, String description, Boolean enabled) {}

  record EndpointView(
      UUID id,
      String url,
      String description,
      List<String> eventTypes,
      boolean enabled,
      String disabledReason,
      Instant createdAt,
      Instant updatedAt) {

    static EndpointView of(Endpoint e) {
      return new EndpointView(
          e.id(),
          e.url(),
          e.description(),
          e.eventTypes(),
          e.enabled(),
          e.disabledReason(),
          e.createdAt(),
          e.updatedAt());
    }
  }

  record CreatedEndpoint(
      UUID id,
      String url,
      String description,
      List<String> eventTypes,
      boolean enabled,
      Instant createdAt,
      String secret) {}

  record EndpointList(List<EndpointView> items) {}

  record SecretView(String secret) {}

  record EventTypeList(List<String> items) {}

  private final Endpoints endpoints;
  private final Tenants tenants;
  private final EventTypes eventTypes;

  EndpointController(Endpoints endpoints, Tenants tenants, EventTypes eventTypes) {
    this.endpoints = endpoints;
    this.tenants = tenants;
    this.eventTypes = eventTypes;
  }

  @GetMapping("/event-types")
  EventTypeList eventTypes(HttpServletRequest request) {
    tenants.require(request, Tenants.READ);
    return new EventTypeList(eventTypes.all());
  }

  @PostMapping("/endpoints")
  ResponseEntity<CreatedEndpoint> create(
      @RequestBody CreateEndpoint body, HttpServletRequest request) {
    String tenant = tenants.require(request, Tenants.WRITE);
    Endpoints.Created created =
        endpoints.create(tenant, body.url(), body.eventTypes(), body.description(), body.enabled());
    Endpoint e = created.endpoint();
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(
            new CreatedEndpoint(
                e.id(),
                e.url(),
                e.description(),
                e.eventTypes(),
                e.enabled(),
                e.createdAt(),
                created.secret()));
  }

  @GetMapping("/endpoints")
  EndpointList list(HttpServletRequest request) {
    String tenant = tenants.require(request, Tenants.READ);
    return new EndpointList(endpoints.list(tenant).stream().map(EndpointView::of).toList());
  }

  @GetMapping("/endpoints/{id}")
  EndpointView get(@PathVariable String id, HttpServletRequest request) {
    String tenant = tenants.require(request, Tenants.READ);
    return EndpointView.of(endpoints.get(tenant, endpointId(id)));
  }

  @PatchMapping("/endpoints/{id}")
  EndpointView update(
      @PathVariable String id, @RequestBody UpdateEndpoint body, HttpServletRequest request) {
    String tenant = tenants.require(request, Tenants.WRITE);
    return EndpointView.of(
        endpoints.update(
            tenant,
            endpointId(id),
            body.url(),
            body.eventTypes(),
            body.description(),
            body.enabled()));
  }

  @DeleteMapping("/endpoints/{id}")
  ResponseEntity<Void> delete(@PathVariable String id, HttpServletRequest request) {
    String tenant = tenants.require(request, Tenants.WRITE);
    endpoints.delete(tenant, endpointId(id));
    return ResponseEntity.noContent().build();
  }

  /** The secret is a credential: reading it takes the write scope. */
  @GetMapping("/endpoints/{id}/secret")
  ResponseEntity<SecretView> secret(@PathVariable String id, HttpServletRequest request) {
    String tenant = tenants.require(request, Tenants.WRITE);
    return noStore(new SecretView(endpoints.secret(tenant, endpointId(id))));
  }

  @PostMapping("/endpoints/{id}/secret/rotate")
  ResponseEntity<SecretView> rotate(@PathVariable String id, HttpServletRequest request) {
    String tenant = tenants.require(request, Tenants.WRITE);
    return noStore(new SecretView(endpoints.rotate(tenant, endpointId(id))));
  }

  /** A secret in the body: no cache, and no idempotency replay store, may keep it. */
  private static ResponseEntity<SecretView> noStore(SecretView body) {
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
  }

  /** A malformed id names no endpoint of the caller's: 404, like another tenant's. */
  static UUID endpointId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.notFound("endpoint " + id);
    }
  }
}
