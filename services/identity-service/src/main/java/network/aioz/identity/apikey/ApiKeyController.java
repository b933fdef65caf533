package network.aioz.identity.apikey;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import network.aioz.identity.support.Callers;
import network.aioz.identity.support.Scopes;
import network.aioz.shared.identity.InternalIdentity;
import network.aioz.shared.web.ApiProblem;
import network.aioz.shared.web.CallerIdentity;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's tenant's API keys; a key's text is answered once, when it is created. */
@RestController
@RequestMapping("/v1/api-keys")
class ApiKeyController {

  private static final int MAX_NAME = 100;

  private final ApiKeys keys;
  private final CallerIdentity identity;
  private final Clock clock;

  ApiKeyController(ApiKeys keys, CallerIdentity identity, Clock clock) {
    this.keys = keys;
    this.identity = identity;
    this.clock = clock;
  }

  record CreateRequest(String name, List<String> scopes, Instant expiresAt) {}

  record CreatedView(
      String id,
      String name,
      List<String> scopes,
      Instant createdAt,
      Instant expiresAt,
      String key) {}

  record KeyView(
      String id,
      String name,
      List<String> scopes,
      Instant createdAt,
      Instant expiresAt,
      Instant lastUsedAt,
      Instant revokedAt) {}

  @PostMapping
  ResponseEntity<CreatedView> create(
      @RequestBody(required = false) CreateRequest body, HttpServletRequest request) {
    InternalIdentity caller = identity.require(request, Scopes.IDENTITY_WRITE);
    UUID tenantId = Callers.tenant(caller);
    if (body == null || body.name() == null || body.name().isBlank()) {
      throw ApiProblem.badRequest("name is required");
    }
    if (body.name().length() > MAX_NAME) {
      throw ApiProblem.badRequest("name is longer than " + MAX_NAME + " characters");
    }
    if (body.scopes() == null || body.scopes().isEmpty()) {
      throw ApiProblem.badRequest("scopes must name at least one scope");
    }
    Set<String> scopes = new LinkedHashSet<>(body.scopes());
    for (String scope : scopes) {
      if (!Scopes.ALL.contains(scope)) {
        throw ApiProblem.badRequest("'" + scope + "' is not a scope");
      }
      if (!caller.hasScope(scope)) {
        throw ApiProblem.forbidden("a key cannot have the scope " + scope + " its creator lacks");
      }
    }
    if (body.expiresAt() != null && !body.expiresAt().isAfter(clock.instant())) {
      throw ApiProblem.badRequest("expiresAt must be in the future");
    }
    ApiKeys.Created created =
        keys.create(
            tenantId,
            body.name().strip(),
            Scopes.ordered(scopes),
            body.expiresAt(),
            caller.subject());
    ApiKey key = created.key();
    return ResponseEntity.created(URI.create("/v1/api-keys/" + key.id()))
        // the secret is shown once: no cache, and no idempotency replay store, may keep it
        .cacheControl(CacheControl.noStore())
        .body(
            new CreatedView(
                key.id(),
                key.name(),
                key.scopes(),
                key.createdAt(),
                key.expiresAt(),
                created.text()));
  }

  @GetMapping
  List<KeyView> list(HttpServletRequest request) {
    UUID tenantId = Callers.tenant(identity.require(request, Scopes.IDENTITY_READ));
    return keys.list(tenantId).stream().map(ApiKeyController::view).toList();
  }

  @GetMapping("/{id}")
  KeyView get(@PathVariable String id, HttpServletRequest request) {
    UUID tenantId = Callers.tenant(identity.require(request, Scopes.IDENTITY_READ));
    return keys.find(tenantId, id)
        .map(ApiKeyController::view)
        .orElseThrow(() -> ApiProblem.notFound("API key " + id));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> revoke(@PathVariable String id, HttpServletRequest request) {
    InternalIdentity caller = identity.require(request, Scopes.IDENTITY_WRITE);
    if (!keys.revoke(Callers.tenant(caller), id, caller.subject())) {
      throw ApiProblem.notFound("API key " + id);
    }
    return ResponseEntity.noContent().build();
  }

  private static KeyView view(ApiKey key) {
    return new KeyView(
        key.id(),
        key.name(),
        key.scopes(),
        key.createdAt(),
        key.expiresAt(),
        key.lastUsedAt(),
        key.revokedAt());
  }
}
