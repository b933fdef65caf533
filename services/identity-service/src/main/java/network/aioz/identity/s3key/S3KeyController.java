package network.aioz.identity.s3key;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's tenant's S3 keys ({@code /v1/s3-keys}) and, for the storage service only, their
 * resolution ({@code /internal/v1/s3-keys/{id}}, scope {@code identity:internal}).
 */
@RestController
class S3KeyController {

  private static final int MAX_NAME = 100;

  private final S3Keys keys;
  private final CallerIdentity identity;

  S3KeyController(S3Keys keys, CallerIdentity identity) {
    this.keys = keys;
    this.identity = identity;
  }

  record CreateRequest(String name) {}

  record CreatedView(String accessKeyId, String secretAccessKey, Instant createdAt) {}

  record KeyView(String accessKeyId, String name, Instant createdAt, Instant revokedAt) {}

  @PostMapping("/v1/s3-keys")
  ResponseEntity<CreatedView> create(
      @RequestBody(required = false) CreateRequest body, HttpServletRequest request) {
    InternalIdentity caller = identity.require(request, Scopes.IDENTITY_WRITE);
    String name = body == null || body.name() == null ? null : body.name().strip();
    if (name != null && name.length() > MAX_NAME) {
      throw ApiProblem.badRequest("name is longer than " + MAX_NAME + " characters");
    }
    S3Keys.Created created = keys.create(Callers.tenant(caller), name, caller.subject());
    return ResponseEntity.created(URI.create("/v1/s3-keys/" + created.key().accessKeyId()))
        // the secret is shown once: no cache, and no idempotency replay store, may keep it
        .cacheControl(CacheControl.noStore())
        .body(
            new CreatedView(
                created.key().accessKeyId(), created.secret(), created.key().createdAt()));
  }

  @GetMapping("/v1/s3-keys")
  List<KeyView> list(HttpServletRequest request) {
    UUID tenantId = Callers.tenant(identity.require(request, Scopes.IDENTITY_READ));
    return keys.list(tenantId).stream()
        .map(k -> new KeyView(k.accessKeyId(), k.name(), k.createdAt(), k.revokedAt()))
        .toList();
  }

  @DeleteMapping("/v1/s3-keys/{accessKeyId}")
  ResponseEntity<Void> revoke(@PathVariable String accessKeyId, HttpServletRequest request) {
    InternalIdentity caller = identity.require(request, Scopes.IDENTITY_WRITE);
    if (!keys.revoke(Callers.tenant(caller), accessKeyId, caller.subject())) {
      throw ApiProblem.notFound("S3 key " + accessKeyId);
    }
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/internal/v1/s3-keys/{accessKeyId}")
  S3Keys.Resolved resolve(@PathVariable String accessKeyId, HttpServletRequest request) {
    identity.require(request, Scopes.IDENTITY_INTERNAL);
    return keys.resolve(accessKeyId)
        .orElseThrow(() -> ApiProblem.notFound("S3 key " + accessKeyId));
  }
}
