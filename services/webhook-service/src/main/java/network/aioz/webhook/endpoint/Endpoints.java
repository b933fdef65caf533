package network.aioz.webhook.endpoint;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import network.aioz.shared.outbox.Outbox;
import network.aioz.shared.web.ApiProblem;
import network.aioz.webhook.ssrf.UrlPolicy;
import network.aioz.webhook.support.EventTypes;
import network.aioz.webhook.support.WebhookProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Tenants' endpoints: registration, changes, secrets, and disabling by the service. */
@Service
public class Endpoints {

  /** Topic and type of the event that tells a tenant one of its endpoints was disabled. */
  public static final String TOPIC = "webhook.endpoint";

  public static final String DISABLED = "network.aioz.webhook.EndpointDisabled";

  static final int MAX_DESCRIPTION = 1024;
  static final int MAX_EVENT_TYPES = 64;
  private static final Logger log = LoggerFactory.getLogger(Endpoints.class);

  /** The data of {@code EndpointDisabled}. */
  record EndpointDisabled(String tenantId, UUID endpointId, String reason) {}

  /** An endpoint with its secret, as the tenant sees it right after creating it. */
  record Created(Endpoint endpoint, String secret) {}

  private final EndpointRepository repository;
  private final UrlPolicy urls;
  private final EventTypes eventTypes;
  private final Outbox outbox;
  private final WebhookProperties properties;
  private final Clock clock;

  Endpoints(
      EndpointRepository repository,
      UrlPolicy urls,
      EventTypes eventTypes,
      Outbox outbox,
      WebhookProperties properties,
      Clock clock) {
    this.repository = repository;
    this.urls = urls;
    this.eventTypes = eventTypes;
    this.outbox = outbox;
    this.properties = properties;
    this.clock = clock;
  }

  /** The tenant's endpoint; empty for another tenant's (callers answer 404, never its data). */
  public Optional<Endpoint> owned(String tenantId, UUID id) {
    return repository.find(tenantId, id);
  }

  /**
   * Disables the endpoint, cancels what is queued for it and tells the tenant with {@code
   * EndpointDisabled}; runs in the caller's transaction.
   *
   * @return false when it was already disabled
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean disable(UUID id, String reason) {
    Instant now = clock.instant();
    Optional<String> tenant = repository.disable(id, reason, now);
    if (tenant.isEmpty()) {
      return false;
    }
    repository.cancelPending(id, now);
    outbox.append(TOPIC, id.toString(), DISABLED, new EndpointDisabled(tenant.get(), id, reason));
    log.info("disabled endpoint {} of tenant {}: {}", id, tenant.get(), reason);
    return true;
  }

  @Transactional
  Created create(
      String tenantId, String url, List<String> types, String description, Boolean enabled) {
    URI checked = urls.check(url);
    Instant now = clock.instant();
    Endpoint endpoint =
        new Endpoint(
            UUID.randomUUID(),
            tenantId,
            checked.toString(),
            description(description),
            eventTypes(types),
            enabled == null || enabled,
            enabled == null || enabled ? null : "disabled",
            now,
            now);
    String secret = Secrets.generate();
    repository.insert(endpoint, secret);
    return new Created(endpoint, secret);
  }

  List<Endpoint> list(String tenantId) {
    return repository.list(tenantId);
  }

  Endpoint get(String tenantId, UUID id) {
    return owned(tenantId, id).orElseThrow(() -> ApiProblem.notFound("endpoint " + id));
  }

  @Transactional
  Endpoint update(
      String tenantId,
      UUID id,
      String url,
      List<String> types,
      String description,
      Boolean enabled) {
    Endpoint current = get(tenantId, id);
    Instant now = clock.instant();
    boolean nowEnabled = enabled == null ? current.enabled() : enabled;
    String reason = nowEnabled ? null : (current.enabled() ? "disabled" : current.disabledReason());
    Endpoint changed =
        new Endpoint(
            id,
            tenantId,
            url == null ? current.url() : urls.check(url).toString(),
            description == null ? current.description() : description(description),
            types == null ? current.eventTypes() : eventTypes(types),
            nowEnabled,
            reason,
            current.createdAt(),
            now);
    repository.update(changed);
    if (current.enabled() && !nowEnabled) {
      repository.cancelPending(id, now);
    }
    return changed;
  }

  @Transactional
  void delete(String tenantId, UUID id) {
    if (!repository.delete(tenantId, id)) {
      throw ApiProblem.notFound("endpoint " + id);
    }
  }

  String secret(String tenantId, UUID id) {
    return repository.secret(tenantId, id).orElseThrow(() -> ApiProblem.notFound("endpoint " + id));
  }

  @Transactional
  String rotate(String tenantId, UUID id) {
    String secret = Secrets.generate();
    Instant now = clock.instant();
    if (!repository.rotate(tenantId, id, secret, now.plus(properties.secretOverlap()), now)) {
      throw ApiProblem.notFound("endpoint " + id);
    }
    return secret;
  }

  private List<String> eventTypes(List<String> types) {
    if (types == null || types.isEmpty()) {
      throw ApiProblem.badRequest("eventTypes must name at least one event type");
    }
    if (types.size() > MAX_EVENT_TYPES) {
      throw ApiProblem.badRequest("eventTypes may name at most " + MAX_EVENT_TYPES + " types");
    }
    List<String> unknown = new ArrayList<>();
    for (String type : types) {
      if (type == null || !eventTypes.isKnown(type)) {
        unknown.add(String.valueOf(type));
      }
    }
    if (!unknown.isEmpty()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "unknown-event-type",
          "Unknown event type",
          "unknown event types: " + unknown,
          Map.of("unknown", unknown, "known", eventTypes.all()));
    }
    return List.copyOf(new LinkedHashSet<>(types));
  }

  private static String description(String description) {
    if (description == null || description.isBlank()) {
      return null;
    }
    if (description.length() > MAX_DESCRIPTION) {
      throw ApiProblem.badRequest("description is longer than " + MAX_DESCRIPTION + " characters");
    }
    return description;
  }
}
