package network.aioz.identity.tenant;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import network.aioz.identity.support.Addresses;
import network.aioz.identity.support.Callers;
import network.aioz.identity.support.Scopes;
import network.aioz.shared.identity.InternalIdentity;
import network.aioz.shared.web.ApiProblem;
import network.aioz.shared.web.CallerIdentity;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own tenant and its members; the tenant is always the one of the caller's token. */
@RestController
@RequestMapping("/v1/tenants/me")
class TenantController {

  private final Tenants tenants;
  private final CallerIdentity identity;

  TenantController(Tenants tenants, CallerIdentity identity) {
    this.tenants = tenants;
    this.identity = identity;
  }

  record TenantView(String tenantId, String name, Instant createdAt, String role) {}

  record MemberView(String address, String role, Instant addedAt) {}

  record AddMember(String address, String role) {}

  @GetMapping
  TenantView me(HttpServletRequest request) {
    InternalIdentity caller = identity.require(request, Scopes.IDENTITY_READ);
    UUID tenantId = Callers.tenant(caller);
    Tenant tenant = tenants.find(tenantId).orElseThrow(() -> ApiProblem.notFound("tenant"));
    String role =
        Callers.isSession(caller)
            ? tenants.membership(tenantId, caller.subject()).map(m -> m.role().value()).orElse(null)
            : null;
    return new TenantView(tenant.id().toString(), tenant.name(), tenant.createdAt(), role);
  }

  @GetMapping("/members")
  List<MemberView> members(HttpServletRequest request) {
    UUID tenantId = Callers.tenant(identity.require(request, Scopes.IDENTITY_READ));
    return tenants.members(tenantId).stream().map(TenantController::view).toList();
  }

  @PostMapping("/members")
  ResponseEntity<MemberView> add(@RequestBody AddMember body, HttpServletRequest request) {
    InternalIdentity caller = identity.require(request, Scopes.IDENTITY_WRITE);
    UUID tenantId = Callers.tenant(caller);
    Role callerRole = requireManager(caller, tenantId);
    if (body == null) {
      throw ApiProblem.badRequest("a body {address, role} is required");
    }
    String address = address(body.address());
    Role role;
    try {
      role = Role.parse(body.role());
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest(e.getMessage());
    }
    if (role == Role.OWNER && callerRole != null && callerRole != Role.OWNER) {
      throw ApiProblem.forbidden("only an owner can add an owner");
    }
    Membership added = tenants.addMember(tenantId, address, role, caller.subject());
    return ResponseEntity.created(URI.create("/v1/tenants/me/members/" + address))
        .body(view(added));
  }

  @DeleteMapping("/members/{address}")
  ResponseEntity<Void> remove(@PathVariable String address, HttpServletRequest request) {
    InternalIdentity caller = identity.require(request, Scopes.IDENTITY_WRITE);
    UUID tenantId = Callers.tenant(caller);
    Role callerRole = requireManager(caller, tenantId);
    String member = address(address);
    if (callerRole != null && callerRole != Role.OWNER) {
      tenants
          .membership(tenantId, member)
          .filter(m -> m.role() == Role.OWNER)
          .ifPresent(
              m -> {
                throw ApiProblem.forbidden("only an owner can remove an owner");
              });
    }
    tenants.removeMember(tenantId, member, caller.subject());
    return ResponseEntity.noContent().build();
  }

  /** A session must be an owner's or an admin's; an API key's scope is enough. */
  private Role requireManager(InternalIdentity caller, UUID tenantId) {
    if (!Callers.isSession(caller)) {
      return null;
    }
    Role role =
        tenants
            .membership(tenantId, caller.subject())
            .map(Membership::role)
            .orElseThrow(() -> ApiProblem.forbidden("the caller is not a member of this tenant"));
    if (!role.managesMembers()) {
      throw ApiProblem.forbidden("only owners and admins manage members");
    }
    return role;
  }

  private static String address(String value) {
    try {
      return Addresses.normalize(value);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest(e.getMessage());
    }
  }

  private static MemberView view(Membership m) {
    return new MemberView(m.address(), m.role().value(), m.addedAt());
  }
}
